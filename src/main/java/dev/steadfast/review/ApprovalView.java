package dev.steadfast.review;

import java.time.Instant;

/** An approval as the API shows it: exactly one of taskId and changeRequestId is set. */
public record ApprovalView(long id, Long taskId, Long changeRequestId, String approver, Decision decision,
                           String comment, Instant createdAt) {

    static ApprovalView of(Approval approval) {
        return new ApprovalView(approval.id, approval.task == null ? null : approval.task.id,
                approval.changeRequest == null ? null : approval.changeRequest.id,
                approval.approver, approval.decision, approval.comment, approval.createdAt);
    }
}
