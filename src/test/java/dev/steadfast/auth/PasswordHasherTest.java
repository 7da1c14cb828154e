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
}
