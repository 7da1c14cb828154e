package dev.steadfast.user;

/** What a username may look like: short, printable, safe in URLs and logs. */
public final class UsernameRule {
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";
    static final String MESSAGE = "must be 1 to 64 letters, digits or . _ @ - and start with a letter or digit";

    private UsernameRule() {
    }
}
