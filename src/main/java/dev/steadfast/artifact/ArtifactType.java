package dev.steadfast.artifact;

/** What an artifact is, as the workflow names its products. */
public enum ArtifactType {
    SPEC,
    PLAN,
    ARCHITECTURE,
    ADR,
    TRANSCRIPT,
    DIFF,
    LOG,
    OTHER
}
