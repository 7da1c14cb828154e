package dev.steadfast.user;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An admin's request to add a user. The password rule is checked by the service (it is configurable). */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record CreateUserRequest(
        @NotBlank(message = "is required") @Pattern(regexp = UsernameRule.PATTERN, message = UsernameRule.MESSAGE)
        String username,
        @Email(message = "must be an e-mail address") @Size(max = 254, message = "must be at most 254 characters")
        String email,
        @NotNull(message = "is required") String password,
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE) String displayName,
        @NotNull(message = "is required (ADMIN or USER)") Role role) {

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", email=" + email + ", password=****, displayName=" + displayName + ", role=" + role + "]";
    }
}
