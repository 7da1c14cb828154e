package dev.steadfast.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.text.Normalizer;

/** bcrypt hashing and verification through Quarkus' Elytron utilities: no hand-written crypto. */
@ApplicationScoped
public class PasswordHasher {

    private static final Provider PROVIDER = new WildFlyElytronPasswordProvider();

    /**
     * A real bcrypt hash, at the cost {@link #hash} uses, of 32 random bytes that were thrown away:
     * verifying against it when the user does not exist costs the same time as a real check, so
     * response times do not reveal which usernames exist. A constant rather than hashed at
     * construction, which cost one bcrypt round on a cold JVM at every boot; PasswordHasherTest
     * keeps its cost equal to that of a fresh hash.
     */
    static final String DECOY = "$2a$10$2lYl3Zii0V6njSh57cbsQe7OpWVtC9KHAeRXLKTqbb3WKRti1sEsi";

    /** bcrypt uses at most this many bytes of a password: the rest would be silently ignored. */
    public static final int MAX_BYTES = 72;

    /**
     * How many bytes of {@code password} bcrypt is given: Elytron hashes the UTF-8 of its NFKC
     * normalization, which can be far longer than the text typed (U+FDFA becomes 18 characters).
     */
    public static int hashedLength(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8).length;
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    /**
     * Whether {@code password} is the one {@code hash} was made of. One longer than bcrypt reads is
     * never anyone's (the policy refuses to set one): without this check its first 72 bytes would
     * be enough to sign in.
     */
    public boolean verify(String password, String hash) {
        if (hashedLength(password) > MAX_BYTES) {
            return false;
        }
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(hash));
            return factory.verify(stored, password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code hash} is a bcrypt hash this class can verify against (not, say, one edited by hand). */
    public boolean isUsable(String hash) {
        try {
            PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER).translate(ModularCrypt.decode(hash));
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Spends the time of one verification and returns false. */
    public boolean verifyAgainstDecoy(String password) {
        verify(password, DECOY);
        return false;
    }
}
