package dev.steadfast.auth;

import dev.steadfast.common.SteadfastConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** The rule every password must meet, the configured admin password included. */
@ApplicationScoped
public class PasswordPolicy {

    private final int minLength;

    @Inject
    PasswordPolicy(SteadfastConfig config) {
        this(config.auth().passwordMinLength());
    }

    private PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** A policy outside CDI, e.g. for unit tests. */
    public static PasswordPolicy withMinLength(int minLength) {
        return new PasswordPolicy(minLength);
    }

    /** What is wrong with a password, or empty when it is acceptable. */
    public Optional<String> violation(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("must be at least " + minLength + " characters long");
        }
        // bcrypt ignores everything after 72 bytes of what it hashes: longer passwords would be truncated.
        if (PasswordHasher.hashedLength(password) > PasswordHasher.MAX_BYTES) {
            return Optional.of("must be at most " + PasswordHasher.MAX_BYTES + " bytes long (UTF-8, after Unicode NFKC normalization)");
        }
        if (password.isBlank()) {
            return Optional.of("must not be only whitespace");
        }
        return Optional.empty();
    }
}
