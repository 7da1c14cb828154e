package dev.steadfast.task;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A task as lists show it: everything {@link TaskView} has but the content, which may be up to a
 * million characters (a page of 200 would be hundreds of megabytes). {@code version} is the active
 * version's number; {@code GET .../tasks/{taskId}} has the content. Built by the list query itself
 * (reflection in a native image), which never reads a version's content.
 */
@RegisterForReflection
public record TaskSummaryView(long id, String title, String description, TaskPhase phase, TaskStatus status,
                              int priority, int version, String createdBy, Instant createdAt, Instant updatedAt) {
}
