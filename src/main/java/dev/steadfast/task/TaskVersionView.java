package dev.steadfast.task;

import java.time.Instant;

/** One version of a task's content. */
public record TaskVersionView(int number, String content, String author, Instant createdAt, boolean active) {

    static TaskVersionView of(TaskVersion version, Task task) {
        return new TaskVersionView(version.number, version.content, version.author, version.createdAt,
                task.activeVersion != null && task.activeVersion.id.equals(version.id));
    }
}
