package dev.steadfast.project;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new project: a name and, optionally, what it is about. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record CreateProjectRequest(
        @NotNull(message = "is required") @Pattern(regexp = SingleLineText.VISIBLE, message = "is required")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE)
        @Size(max = 200, message = "must be at most 200 characters") String name,
        @Size(max = 10_000, message = "must be at most 10000 characters") String description) {
}
