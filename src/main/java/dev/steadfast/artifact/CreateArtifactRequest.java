package dev.steadfast.artifact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A text artifact uploaded as JSON; its content is stored as UTF-8. Binary content is uploaded as
 * a raw body instead. {@code mediaType} defaults to {@code text/plain; charset=utf-8}.
 */
public record CreateArtifactRequest(
        @NotNull(message = "is required (SPEC, PLAN, ARCHITECTURE, ADR, TRANSCRIPT, DIFF, LOG or OTHER)") ArtifactType type,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
        @NotNull(message = "is required") String content,
        @Size(max = 255, message = "must be at most 255 characters") String mediaType,
        Long taskId,
        Long runId) {
}
