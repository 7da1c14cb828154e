package dev.steadfast.run;

import jakarta.validation.constraints.NotNull;

/** Starts the next attempt at a task. */
public record StartRunRequest(@NotNull(message = "is required") Long taskId) {
}
