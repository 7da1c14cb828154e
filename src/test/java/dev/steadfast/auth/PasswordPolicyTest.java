package dev.steadfast.auth;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.withMinLength(12);

    @Test
    void shouldAcceptAPasswordOfTheMinimumLength() {
        assertEquals(Optional.empty(), policy.violation("123456789012"));
    }

    @Test
    void shouldRefuseShortEmptyAndBlankPasswords() {
        assertTrue(policy.violation("12345678901").isPresent());
        assertTrue(policy.violation("").isPresent());
        assertTrue(policy.violation(null).isPresent());
        assertTrue(policy.violation("             ").isPresent());
    }

    @Test
    void shouldRefusePasswordsBcryptWouldTruncate() {
        String tooLong = "must be at most 72 bytes long (UTF-8, after Unicode NFKC normalization)";
        assertEquals(Optional.of(tooLong), policy.violation("é".repeat(37)));
        assertEquals(Optional.empty(), policy.violation("a".repeat(72)));
        // Twelve characters, 36 bytes as typed, but 396 bytes as hashed (each U+FDFA is 18 letters and spaces).
        assertEquals(Optional.of(tooLong), policy.violation("\ufdfa".repeat(12)));
        assertEquals(Optional.empty(), policy.violation("e\u0301".repeat(36)));
    }
}
