package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordPolicy;
import dev.steadfast.common.SteadfastConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid admin settings stop the boot with a message that never repeats the secret. */
class AdminSettingsTest {

    private final PasswordPolicy policy = PasswordPolicyFixture.minLength(12);

    @Test
    void shouldReadThePasswordFromASecretFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("admin-password"), "mounted-secret-1\n");
        AdminSettings settings = AdminSettings.from(admin("admin", Optional.empty(), Optional.of(secret.toString())), policy);
        assertEquals(Optional.of("mounted-secret-1"), settings.password());
    }

    @Test
    void shouldRefuseAPasswordThatBreaksThePolicyWithoutLoggingIt() {
        var error = assertThrows(AdminConfigurationException.class,
                () -> AdminSettings.from(admin("admin", Optional.of("tiny-pw"), Optional.empty()), policy));
        assertTrue(error.getMessage().contains("at least 12 characters"), error.getMessage());
        assertFalse(error.getMessage().contains("tiny-pw"));
    }

    @Test
    void shouldRefuseBothAPasswordAndAPasswordFile() {
        assertThrows(AdminConfigurationException.class, () -> AdminSettings.from(
                admin("admin", Optional.of("long-enough-password"), Optional.of("/run/secrets/x")), policy));
    }

    @Test
    void shouldRefuseAnUnreadableSecretFile(@TempDir Path dir) {
        var error = assertThrows(AdminConfigurationException.class, () -> AdminSettings.from(
                admin("admin", Optional.empty(), Optional.of(dir.resolve("missing").toString())), policy));
        assertTrue(error.getMessage().contains("cannot be read"));
    }

    @Test
    void shouldRefuseAnInvalidUsername() {
        assertThrows(AdminConfigurationException.class,
                () -> AdminSettings.from(admin("bad name", Optional.empty(), Optional.empty()), policy));
    }

    @Test
    void shouldNotShowThePasswordInToString() {
        AdminSettings settings = new AdminSettings("admin", Optional.empty(), Optional.of("visible-secret"));
        assertFalse(settings.toString().contains("visible-secret"));
    }

    static SteadfastConfig.Admin admin(String username, Optional<String> password, Optional<String> file) {
        return new SteadfastConfig.Admin() {
            public String username() { return username; }
            public Optional<String> password() { return password; }
            public Optional<String> passwordFile() { return file; }
            public Optional<String> email() { return Optional.empty(); }
            public Duration retryInitialDelay() { return Duration.ofSeconds(1); }
            public Duration retryMaxDelay() { return Duration.ofSeconds(30); }
        };
    }
}
