package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordPolicy;

/** A password policy built without CDI, for plain unit tests. */
final class PasswordPolicyFixture {
    private PasswordPolicyFixture() {
    }

    static PasswordPolicy minLength(int min) {
        return PasswordPolicy.withMinLength(min);
    }
}
