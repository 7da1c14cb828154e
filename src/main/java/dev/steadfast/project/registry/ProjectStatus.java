package dev.steadfast.project.registry;

/** A project's life in the registry: ARCHIVED answers 410; PURGED means its file moved to archive/. */
public enum ProjectStatus {
    ACTIVE,
    ARCHIVED,
    PURGED
}
