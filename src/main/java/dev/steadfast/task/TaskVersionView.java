package dev.steadfast.task;

import java.time.Instant;

/** One version of a task's content. */
public record TaskVersionView(int number, String content, String author, Instant createdAt, boolean active) {

    static TaskVersionView of(TaskVersion version, long activeVersionId) {
        return new TaskVersionView(version.number, version.content, version.author, version.createdAt,
                version.id == activeVersionId);
    }
}
