package dev.steadfast.task;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new task: it starts PENDING with its content as version 1. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record CreateTaskRequest(
        @NotNull(message = "is required") @Pattern(regexp = SingleLineText.VISIBLE, message = "is required")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE)
        @Size(max = 200, message = "must be at most 200 characters") String title,
        @NotNull(message = "is required (PLANNER, ARCHITECT, REVIEW_APPROVAL or CODER)") TaskPhase phase,
        @NotNull(message = "is required") @Size(max = 1_000_000, message = "must be at most 1000000 characters") String content,
        @Size(max = 10_000, message = "must be at most 10000 characters") String description,
        @Min(value = 0, message = "must be between 0 and 9") @Max(value = 9, message = "must be between 0 and 9")
        Integer priority) {
}
