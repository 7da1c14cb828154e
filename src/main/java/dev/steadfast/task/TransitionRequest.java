package dev.steadfast.task;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

/** A requested status move. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record TransitionRequest(@NotNull(message = "is required") TaskStatus to) {
}
