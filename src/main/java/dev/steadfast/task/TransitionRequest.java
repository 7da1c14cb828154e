package dev.steadfast.task;

import jakarta.validation.constraints.NotNull;

/** A requested status move. */
public record TransitionRequest(@NotNull(message = "is required") TaskStatus to) {
}
