package dev.steadfast.task;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial edit of a task; new content becomes a new version. Status moves go through transitions. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record UpdateTaskRequest(
        @Size(max = 200, message = "must be at most 200 characters") @Pattern(regexp = SingleLineText.VISIBLE, message = "must not be blank")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE)
        String title,
        @Size(max = 10_000, message = "must be at most 10000 characters") String description,
        TaskPhase phase,
        @Min(value = 0, message = "must be between 0 and 9") @Max(value = 9, message = "must be between 0 and 9")
        Integer priority,
        @Size(max = 1_000_000, message = "must be at most 1000000 characters") String content) {
}
