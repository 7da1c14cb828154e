package dev.steadfast.auth;

import org.junit.jupiter.api.Test;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoy an unknown username is checked against must cost what a real password check costs. */
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void shouldKeepTheDecoyAtTheCostOfARealHash() throws Exception {
        BCryptPassword decoy = (BCryptPassword) ModularCrypt.decode(PasswordHasher.DECOY);
        BCryptPassword real = (BCryptPassword) ModularCrypt.decode(hasher.hash("some-password-1234"));
        assertEquals(real.getIterationCount(), decoy.getIterationCount(), "decoy and real hashes must cost the same");
        assertEquals(real.getHash().length, decoy.getHash().length);
    }

    @Test
    void shouldVerifyRealHashesAndNeverTheDecoy() {
        String hash = hasher.hash("some-password-1234");
        assertTrue(hasher.verify("some-password-1234", hash));
        assertFalse(hasher.verify("other-password-1234", hash));
        assertFalse(hasher.verifyAgainstDecoy("some-password-1234"));
        assertFalse(hasher.verifyAgainstDecoy(""));
    }

    @Test
    void shouldNeverAcceptAPasswordLongerThanWhatBcryptReads() {
        // bcrypt reads 72 bytes: a longer guess sharing them verified against the real hash.
        String seventyTwo = "p".repeat(72);
        String hash = hasher.hash(seventyTwo);
        assertTrue(hasher.verify(seventyTwo, hash));
        assertFalse(hasher.verify(seventyTwo + "X", hash));
        // What is hashed is the NFKC form: U+FDFA alone becomes 33 bytes of UTF-8.
        String ligatures = "\ufdfa".repeat(3);
        assertEquals(99, PasswordHasher.hashedLength(ligatures));
        String truncatedHash = hasher.hash(ligatures); // what Elytron makes of it: its first 72 bytes
        assertFalse(hasher.verify(ligatures + "ANYTHING", truncatedHash));
        // Normalising can also shorten: e + combining acute is one two-byte é.
        assertEquals(72, PasswordHasher.hashedLength("e\u0301".repeat(36)));
    }
}
