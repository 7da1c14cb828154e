package dev.steadfast.run;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

/** Starts the next attempt at a task. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record StartRunRequest(@NotNull(message = "is required") Long taskId) {
}
