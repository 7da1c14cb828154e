package dev.steadfast.review;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An edit of a DRAFT change request: only the fields present change. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record UpdateChangeRequest(
        @Size(max = 200, message = "must be at most 200 characters") @Pattern(regexp = SingleLineText.VISIBLE, message = "must not be blank")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE)
        String title,
        @Size(max = 100_000, message = "must be at most 100000 characters") String description) {
}
