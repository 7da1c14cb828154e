package dev.steadfast.artifact;

/**
 * An upload as the service receives it, whichever way it arrived (JSON text or a raw body):
 * checked for what the request alone can tell, not yet for the task and run it names.
 */
public record ArtifactUpload(ArtifactType type, String name, String mediaType, byte[] content, Long taskId, Long runId) {
}
