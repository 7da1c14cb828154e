package dev.steadfast.run;

/**
 * A run's status. RUNNING is the only open one; SUCCESS, FAILURE and CANCELLED are reported by
 * whoever executes the run, TIMEOUT is set by the service when a run stays RUNNING too long.
 */
public enum RunStatus {
    RUNNING,
    SUCCESS,
    FAILURE,
    TIMEOUT,
    CANCELLED;

    /** Whether a client may report this outcome when finishing a run. */
    public boolean reportable() {
        return this == SUCCESS || this == FAILURE || this == CANCELLED;
    }
}
