package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The early check answers only for the exact password and fingerprint it verified, and only once. */
class AdminFingerprintPrecheckTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private final PasswordHasher hasher = new PasswordHasher() {
        @Override
        public boolean verify(String password, String hash) {
            verifications.incrementAndGet();
            return super.verify(password, hash);
        }
    };
    private final AdminFingerprintPrecheck precheck = new AdminFingerprintPrecheck(null, null, hasher);

    @Test
    void shouldAnswerFromTheEarlyCheckForTheSamePasswordAndFingerprint() {
        String fingerprint = hasher.hash("configured-password-1");
        precheck.start("configured-password-1", fingerprint);
        assertTrue(precheck.matches("configured-password-1", fingerprint));
        assertEquals(1, verifications.get(), "the early check's answer is used, not a second bcrypt");

        assertTrue(precheck.matches("configured-password-1", fingerprint));
        assertEquals(2, verifications.get(), "used once: a later reconciliation verifies for itself");
    }

    @Test
    void shouldVerifyAgainWhenTheFingerprintOrPasswordDiffers() {
        String early = hasher.hash("configured-password-1");
        String now = hasher.hash("configured-password-2");
        precheck.start("configured-password-1", early);
        assertFalse(precheck.matches("configured-password-1", now), "another fingerprint is verified, not assumed");

        precheck.start("configured-password-1", early);
        assertFalse(precheck.matches("configured-password-2", early), "another password is verified, not assumed");
    }
}
