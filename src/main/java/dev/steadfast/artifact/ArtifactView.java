package dev.steadfast.artifact;

import java.time.Instant;

/** An artifact's metadata as the API shows it; the content is only ever sent by the download. */
public record ArtifactView(long id, ArtifactType type, String name, String mediaType, long size, String sha256,
                           Long taskId, Long runId, String createdBy, Instant createdAt) {

    static ArtifactView of(Artifact artifact) {
        return new ArtifactView(artifact.id, artifact.type, artifact.name, artifact.mediaType, artifact.size,
                artifact.sha256, artifact.task == null ? null : artifact.task.id,
                artifact.run == null ? null : artifact.run.id, artifact.createdBy, artifact.createdAt);
    }
}
