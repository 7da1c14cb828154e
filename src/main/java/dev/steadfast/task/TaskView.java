package dev.steadfast.task;

import java.time.Instant;

/** A task as the API shows it, with the content of its active version. */
public record TaskView(long id, String title, String description, TaskPhase phase, TaskStatus status, int priority,
                       int version, String content, String createdBy, Instant createdAt, Instant updatedAt) {

    static TaskView of(Task task) {
        TaskVersion active = task.activeVersion;
        return new TaskView(task.id, task.title, task.description, task.phase, task.status, task.priority,
                active == null ? 0 : active.number, active == null ? null : active.content,
                task.createdBy, task.createdAt, task.updatedAt);
    }
}
