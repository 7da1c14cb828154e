package dev.steadfast.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * A task's status and the moves allowed from it: PENDING → IN_PROGRESS → AWAITING_APPROVAL →
 * APPROVED | REJECTED; APPROVED → COMPLETED; REJECTED → IN_PROGRESS; any non-terminal → CANCELLED.
 * IN_PROGRESS ⇄ BLOCKED (project schema V3) for work waiting on something outside the task.
 */
public enum TaskStatus {
    PENDING,
    IN_PROGRESS,
    BLOCKED,
    AWAITING_APPROVAL,
    APPROVED,
    REJECTED,
    COMPLETED,
    CANCELLED;

    public Set<TaskStatus> allowedNext() {
        return switch (this) {
            case PENDING -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(AWAITING_APPROVAL, BLOCKED, CANCELLED);
            case BLOCKED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case AWAITING_APPROVAL -> EnumSet.of(APPROVED, REJECTED, CANCELLED);
            case APPROVED -> EnumSet.of(COMPLETED, CANCELLED);
            case REJECTED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    public boolean terminal() {
        return allowedNext().isEmpty();
    }
}
