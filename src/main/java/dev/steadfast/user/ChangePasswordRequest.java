package dev.steadfast.user;

import jakarta.validation.constraints.NotNull;

/** A user changing their own password, proving they know the current one. */
public record ChangePasswordRequest(
        @NotNull(message = "is required") String currentPassword,
        @NotNull(message = "is required") String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[****]";
    }
}
