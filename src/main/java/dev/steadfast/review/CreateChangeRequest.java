package dev.steadfast.review;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new change request, in DRAFT, against a task of the project. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record CreateChangeRequest(
        @NotNull(message = "is required") Long taskId,
        @NotNull(message = "is required") @Pattern(regexp = SingleLineText.VISIBLE, message = "is required")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE)
        @Size(max = 200, message = "must be at most 200 characters") String title,
        @Size(max = 100_000, message = "must be at most 100000 characters") String description) {
}
