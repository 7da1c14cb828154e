package dev.steadfast.bootstrap;

/** The admin settings cannot work (e.g. a password that breaks the policy): the boot must stop. */
public class AdminConfigurationException extends RuntimeException {
    public AdminConfigurationException(String message) {
        super(message);
    }
}
