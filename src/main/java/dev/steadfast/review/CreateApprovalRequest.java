package dev.steadfast.review;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** A decision on exactly one subject: a task awaiting approval or a submitted change request. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record CreateApprovalRequest(
        Long taskId,
        Long changeRequestId,
        @NotNull(message = "is required (APPROVED or REJECTED)") Decision decision,
        @Size(max = 10_000, message = "must be at most 10000 characters") String comment) {

    static final String ONE_SUBJECT = "exactly one of taskId and changeRequestId is required";

    /**
     * The error of a request that names no subject or two, under both fields: a decision is on
     * exactly one. A rule on the two fields, not a constraint, so that it names fields the body has.
     */
    Map<String, String> subjectErrors() {
        return (taskId == null) != (changeRequestId == null) ? Map.of()
                : Map.of("taskId", ONE_SUBJECT, "changeRequestId", ONE_SUBJECT);
    }
}
