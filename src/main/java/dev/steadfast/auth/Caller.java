package dev.steadfast.auth;

import dev.steadfast.user.Role;
import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller of a request, as the bearer token resolved it. */
public record Caller(long userId, String username, Role role, long tokenId) {

    static final String ATTRIBUTE = "steadfast.caller";

    public static Caller of(SecurityIdentity identity) {
        return identity.getAttribute(ATTRIBUTE);
    }
}
