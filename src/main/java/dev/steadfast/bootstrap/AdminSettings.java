package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordPolicy;
import dev.steadfast.common.SteadfastConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin as configured: name, e-mail and, if any, the password from {@code steadfast.admin.password}
 * or the secret file {@code steadfast.admin.password-file}. Invalid settings are reported without
 * ever repeating the secret.
 */
public record AdminSettings(String username, Optional<String> email, Optional<String> password) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    static AdminSettings from(SteadfastConfig.Admin config, PasswordPolicy policy) {
        String username = config.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw new AdminConfigurationException("steadfast.admin.username '" + username
                    + "' is not a valid username (1 to 64 letters, digits or . _ @ -).");
        }
        if (config.password().isPresent() && config.passwordFile().isPresent()) {
            throw new AdminConfigurationException("Both steadfast.admin.password and steadfast.admin.password-file "
                    + "are set; set only one.");
        }
        Optional<String> password = config.password();
        String source = "steadfast.admin.password";
        if (config.passwordFile().isPresent()) {
            source = "steadfast.admin.password-file " + config.passwordFile().get();
            password = Optional.of(readSecretFile(Path.of(config.passwordFile().get())));
        }
        if (password.isPresent()) {
            String violation = policy.violation(password.get()).orElse(null);
            if (violation != null) {
                throw new AdminConfigurationException("The admin password from " + source + " is not acceptable: it "
                        + violation + ".");
            }
        }
        return new AdminSettings(username, config.email().map(String::strip).filter(e -> !e.isEmpty()), password);
    }

    /** Secrets mounted as files usually end with a newline that is not part of the password. */
    private static String readSecretFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new AdminConfigurationException("steadfast.admin.password-file " + file + " cannot be read: " + e);
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", email=" + email + ", password="
                + (password.isPresent() ? "****" : "none") + "]";
    }
}
