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
            throw changedSince(task.id, current, " Read it again and reapply your change.");
        }
        if (failed != null) {
            throw ProblemException.preconditionFailed("Task " + task.id + " is in a state your If-None-Match names"
                    + " (it is now " + EntityTags.quoted(current) + "); nothing was changed.", current);
        }
    }

    /**
     * A read's conditions against the task's {@code current} tag, in RFC 9110's order: 412 when
     * {@code If-Match} names no current state of the task (a server evaluates it on GET too, as the
     * artifact content does), else whether {@code If-None-Match} names the current one, for a 304.
     */
    static boolean notModified(long taskId, String current, Preconditions conditions) {
        String failed = conditions.failedBy(current);
        if ("If-Match".equals(failed)) {
            throw changedSince(taskId, current, "");
        }
        return failed != null;
    }

    private static ProblemException changedSince(long taskId, String current, String advice) {
        return ProblemException.preconditionFailed("Task " + taskId + " has changed since the version you hold"
                + " (If-Match); it is now " + EntityTags.quoted(current) + "." + advice, current);
    }
}
