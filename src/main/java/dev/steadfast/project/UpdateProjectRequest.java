package dev.steadfast.project;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial update of a project: only the fields present change. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record UpdateProjectRequest(
        @Size(max = 200, message = "must be at most 200 characters") @Pattern(regexp = SingleLineText.VISIBLE, message = "must not be blank")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE)
        String name,
        @Size(max = 10_000, message = "must be at most 10000 characters") String description) {
}
