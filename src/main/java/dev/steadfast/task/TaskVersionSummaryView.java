package dev.steadfast.task;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One version as the versions list shows it: {@link TaskVersionView} without the content, which may
 * be up to a million characters; {@code GET .../versions/{number}} has it. Built by the list query
 * itself (reflection in a native image), which never reads the content.
 */
@RegisterForReflection
public record TaskVersionSummaryView(int number, String author, Instant createdAt, boolean active) {
}
