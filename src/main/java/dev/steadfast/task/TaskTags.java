package dev.steadfast.task;

import dev.steadfast.common.EntityTags;
import dev.steadfast.common.Preconditions;
import dev.steadfast.common.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A task's entity tag: a digest of every field of its representation, the active version's number
 * standing in for its content (new content is always a new version), so it changes exactly when
 * what a client read of the task does. Nothing is stored for it, and a task read from the file
 * and the same task just written in memory get the same tag (instants count in milliseconds, as
 * the file and the JSON keep them).
 */
final class TaskTags {

    private TaskTags() {
    }

    static String of(TaskView task) {
        StringBuilder fields = new StringBuilder();
        for (Object field : new Object[]{task.id(), task.title(), task.description(), task.phase(), task.status(),
                task.priority(), task.version(), task.createdBy(), task.createdAt().toEpochMilli(),
                task.updatedAt().toEpochMilli()}) {
            if (field == null) {
                fields.append('-');
            } else { // length-prefixed: no two different tasks give the same text
                String text = field.toString();
                fields.append(text.length()).append(':').append(text);
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fields.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * Refuses a change to a task whose current tag fails the request's conditions: not the one the
     * client holds in {@code If-Match}, or one it named in {@code If-None-Match}. Called in the
     * change's transaction, which holds the project's write turn, so no other writer can slip in
     * between check and change.
     */
    static void requireUnchanged(Task task, Preconditions conditions) {
        if (conditions.ifMatch() == null && conditions.ifNoneMatch() == null) {
            return;
        }
        String current = of(TaskView.of(task));
        String failed = conditions.failedBy(current);
        if ("If-Match".equals(failed)) {
            throw ProblemException.preconditionFailed("Task " + task.id + " has changed since the version you hold"
                    + " (If-Match); it is now " + EntityTags.quoted(current) + ". Read it again and reapply your change.",
                    current);
        }
        if (failed != null) {
            throw ProblemException.preconditionFailed("Task " + task.id + " is in a state your If-None-Match names"
                    + " (it is now " + EntityTags.quoted(current) + "); nothing was changed.", current);
        }
    }
}
