package dev.steadfast.review;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A decision on exactly one subject: a task awaiting approval or a submitted change request. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record CreateApprovalRequest(
        Long taskId,
        Long changeRequestId,
        @NotNull(message = "is required (APPROVED or REJECTED)") Decision decision,
        @Size(max = 10_000, message = "must be at most 10000 characters") String comment) {

    /**
     * A check, not a field: the getter's name is what Bean Validation needs, and it made the OpenAPI
     * document list a boolean {@code subject} that the server refuses as an unknown field.
     * Not {@code @JsonIgnore}: that would make Jackson skip a sent {@code subject} silently.
     */
    @Schema(hidden = true)
    @AssertTrue(message = "exactly one of taskId and changeRequestId is required")
    public boolean isSubject() {
        return (taskId == null) != (changeRequestId == null);
    }
}
