package dev.steadfast.artifact;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A text artifact uploaded as JSON; its content is stored as UTF-8. Binary content is uploaded as
 * a raw body instead. {@code mediaType} defaults to {@code text/plain; charset=utf-8}.
 */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record CreateArtifactRequest(
        @NotNull(message = "is required (SPEC, PLAN, ARCHITECTURE, ADR, TRANSCRIPT, DIFF, LOG or OTHER)") ArtifactType type,
        @NotNull(message = "is required") @Pattern(regexp = SingleLineText.VISIBLE, message = "is required")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE)
        @Size(max = 200, message = "must be at most 200 characters") String name,
        @NotNull(message = "is required") String content,
        @Size(max = 255, message = "must be at most 255 characters") String mediaType,
        Long taskId,
        Long runId) {
}
