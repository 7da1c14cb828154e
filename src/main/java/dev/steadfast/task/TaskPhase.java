package dev.steadfast.task;

/** The workflow phase a task belongs to. */
public enum TaskPhase {
    PLANNER,
    ARCHITECT,
    REVIEW_APPROVAL,
    CODER
}
