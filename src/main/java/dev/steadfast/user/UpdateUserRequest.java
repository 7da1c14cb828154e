package dev.steadfast.user;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An admin's partial update: only the fields present change; an empty {@code email} clears it. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record UpdateUserRequest(
        @Email(message = "must be an e-mail address") @Size(max = 254, message = "must be at most 254 characters")
        String email,
        Role role,
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE) String displayName,
        Boolean active,
        String password) {

    @Override
    public String toString() {
        return "UpdateUserRequest[email=" + email + ", role=" + role + ", displayName=" + displayName + ", active=" + active + ", password="
                + (password == null ? null : "****") + "]";
    }
}
