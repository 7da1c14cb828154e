package dev.steadfast.user;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

/** A user changing their own password, proving they know the current one. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record ChangePasswordRequest(
        @NotNull(message = "is required") String currentPassword,
        @NotNull(message = "is required") String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[****]";
    }
}
