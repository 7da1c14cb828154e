package dev.steadfast.auth;

import java.time.Instant;

/** A new bearer token: the only moment its clear text exists outside the client. */
public record IssuedToken(String token, Instant expiresAt) {
}
