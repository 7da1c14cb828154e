package dev.steadfast.review;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.ListFilters;
import dev.steadfast.common.Page;
import dev.steadfast.common.Preconditions;
import dev.steadfast.common.ProblemException;
import dev.steadfast.task.Task;
import dev.steadfast.task.TaskService;
import dev.steadfast.task.TaskStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Decisions by people: a task awaiting approval or a submitted change request becomes APPROVED or
 * REJECTED, and the decision is kept for good. Nobody approves their own change request.
 */
@ApplicationScoped
@Transactional
public class ApprovalService {

    public ApprovalView decide(CreateApprovalRequest request, Caller caller) {
        return request.taskId() != null
                ? decideOnTask(request.taskId(), request.decision(), request.comment(), caller)
                : decideOnChangeRequest(request.changeRequestId(), request.decision(), request.comment(), caller);
    }

    public ApprovalView decideOnTask(long taskId, Decision decision, String comment, Caller caller) {
        return decideOnTask(taskId, Preconditions.NONE, decision, comment, caller);
    }

    /** A decision made through the task's own transitions, which honour the request's conditions. */
    public ApprovalView decideOnTask(long taskId, Preconditions conditions, Decision decision, String comment, Caller caller) {
        Task task = TaskService.findUnchanged(taskId, conditions);
        if (task.status != TaskStatus.AWAITING_APPROVAL) {
            throw ProblemException.conflict("Task " + taskId + " is " + task.status
                    + "; only a task AWAITING_APPROVAL can be decided. Allowed: " + TaskService.allowedMoves(task.status)
                    + " (the moves its transitions take from " + task.status + ").");
        }
        TaskService.moveTo(task, TaskStatus.valueOf(decision.name()));
        Approval approval = record(decision, comment, caller);
        approval.task = task;
        approval.persist();
        return ApprovalView.of(approval);
    }

    public ApprovalView decideOnChangeRequest(long changeRequestId, Decision decision, String comment, Caller caller) {
        ChangeRequest cr = ChangeRequestService.find(changeRequestId);
        if (cr.status != ChangeRequestStatus.SUBMITTED) {
            throw ProblemException.conflict("Change request " + changeRequestId + " is " + cr.status
                    + "; only a SUBMITTED change request can be decided.");
        }
        if (cr.author.equalsIgnoreCase(caller.username())) {
            throw ProblemException.forbidden("The author of a change request cannot decide on it.");
        }
        ChangeRequestService.openTask(cr.task, "takes no decision on its change requests");
        cr.status = decision == Decision.APPROVED ? ChangeRequestStatus.APPROVED : ChangeRequestStatus.REJECTED;
        cr.updatedAt = Instant.now();
        Approval approval = record(decision, comment, caller);
        approval.changeRequest = cr;
        approval.persist();
        return ApprovalView.of(approval);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApprovalView> list(int page, int size, Long taskId, Long changeRequestId) {
        ListFilters filters = new ListFilters().equal("task.id", taskId).equal("changeRequest.id", changeRequestId);
        var query = Approval.find(filters.where(), Sort.ascending("id"), filters.params()).page(page, size);
        return new Page<>(query.<Approval>list().stream().map(ApprovalView::of).toList(), page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ApprovalView get(long id) {
        return Approval.<Approval>findByIdOptional(id).map(ApprovalView::of)
                .orElseThrow(() -> ProblemException.notFound("No approval with id " + id + " in this project."));
    }

    private static Approval record(Decision decision, String comment, Caller caller) {
        Approval approval = new Approval();
        approval.decision = decision;
        approval.comment = comment;
        approval.approver = caller.username();
        approval.createdAt = Instant.now();
        return approval;
    }
}
