package dev.steadfast.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;
import java.security.Provider;

/** bcrypt hashing and verification through Quarkus' Elytron utilities: no hand-written crypto. */
@ApplicationScoped
public class PasswordHasher {

    private static final Provider PROVIDER = new WildFlyElytronPasswordProvider();

    /**
     * A real hash of a random value: verifying against it when the user does not exist costs the
     * same time as a real check, so response times do not reveal which usernames exist.
     */
    private final String decoy = BcryptUtil.bcryptHash("decoy-" + System.nanoTime());

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    public boolean verify(String password, String hash) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(hash));
            return factory.verify(stored, password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the time of one verification and returns false. */
    public boolean verifyAgainstDecoy(String password) {
        verify(password, decoy);
        return false;
    }
}
