package dev.steadfast.artifact;

import java.time.Instant;

/** An artifact's metadata as the API shows it; the content is only ever sent by the download. */
public record ArtifactView(long id, ArtifactType type, String name, String mediaType, long size, String sha256,
                           Long taskId, Long runId, String createdBy, Instant createdAt) {

    static ArtifactView of(Artifact artifact) {
        return new ArtifactView(artifact.id, artifact.type, artifact.name, artifact.mediaType, artifact.size,
                artifact.sha256, taskOf(artifact),
                artifact.run == null ? null : artifact.run.id, artifact.createdBy, artifact.createdAt);
    }

    /** Its task; for one stored with a run only, before the run's task was recorded with it, the run's. */
    private static Long taskOf(Artifact artifact) {
        if (artifact.task != null) {
            return artifact.task.id;
        }
        return artifact.run == null ? null : artifact.run.task.id;
    }
}
