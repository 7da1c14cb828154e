package dev.steadfast.auth;

import dev.steadfast.common.SingleLineText;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Credentials exchanged for a bearer token; {@code ttlSeconds} defaults to {@code steadfast.auth.token-ttl}. */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record IssueTokenRequest(
        @NotBlank(message = "is required") String username,
        @NotBlank(message = "is required") String password,
        @Size(max = 100, message = "must be at most 100 characters")
        @Pattern(regexp = SingleLineText.NO_CONTROLS, message = SingleLineText.NO_CONTROLS_MESSAGE) String name,
        @Positive(message = "must be positive") Long ttlSeconds) {

    @Override
    public String toString() {
        return "IssueTokenRequest[username=" + username + ", password=****, name=" + name + ", ttlSeconds=" + ttlSeconds + "]";
    }
}
