package dev.steadfast.project.control;

import java.time.Instant;

/** A project's control state as the API shows it. */
public record ControlView(boolean paused, int maxAttempts, Long currentTaskId, Instant updatedAt) {

    static ControlView of(ControlState state) {
        return new ControlView(state.paused, state.maxAttempts, state.currentTaskId, state.updatedAt);
    }
}
