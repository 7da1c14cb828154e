package dev.steadfast.project.control;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The whole control state a client sets: pause the project's runs, and how many attempts a task gets. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record UpdateControlRequest(
        @NotNull(message = "is required") Boolean paused,
        @NotNull(message = "is required") @Min(value = 1, message = "must be between 1 and 100")
        @Max(value = 100, message = "must be between 1 and 100") Integer maxAttempts) {
}
