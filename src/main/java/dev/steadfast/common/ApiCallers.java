package dev.steadfast.common;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether a request may learn how the API is laid out. Quarkus REST answers a wrong path, method or
 * media type while routing, before an operation checks who calls: such answers (404, 405 with
 * {@code Allow}, 406, 415, and OPTIONS) go only to a caller whose bearer token is valid. Any other
 * request under {@code /api/}, signing in aside, gets the 401 every operation would give it.
 */
final class ApiCallers {

    private static final String BEARER_PREFIX = "Bearer ";

    private ApiCallers() {
    }

    /** A path whose routing answers anyone may have: outside the API, or signing in. */
    static boolean isOpen(String path) {
        return !path.startsWith("/api/") || path.equals("/api/auth/tokens") || path.equals("/api/auth/tokens/");
    }

    /**
     * Whether the request presents a bearer token, valid or not: then a 401 says the token was
     * refused rather than that one is needed, as {@code BearerTokenMechanism} reads the header.
     */
    static boolean presentsBearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length());
    }

    /**
     * True once the request's bearer token resolved to a user; false without an Authorization
     * header, or with one that names no valid token. Uses the identity the HTTP layer authenticates
     * lazily for the request, so a token is resolved once however often it is asked.
     */
    static Uni<Boolean> authenticated(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().item(false);
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(context, null);
        if (identity == null) {
            return Uni.createFrom().item(false);
        }
        return identity.map(caller -> caller != null && !caller.isAnonymous()).onFailure().recoverWithItem(false);
    }
}
