package dev.steadfast.auth;

import dev.steadfast.common.ProblemException;
import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Issues, resolves and revokes bearer tokens. Only SHA-256 hashes of tokens are ever stored. */
@ApplicationScoped
@Transactional
public class TokenService {

    /** Marks a string as a Steadfast token, so secret scanners and people recognise a leaked one. */
    static final String PREFIX = "sft_";
    private static final int TOKEN_BYTES = 32; // 256 bits
    /** Recording every use would turn each read into a write; a minute's precision is enough. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final PasswordHasher hasher;
    private final SteadfastConfig config;
    private final TokenCache cache;

    TokenService(PasswordHasher hasher, SteadfastConfig config, TokenCache cache) {
        this.hasher = hasher;
        this.config = config;
        this.cache = cache;
    }

    /**
     * Signs in. The password check (bcrypt, the slow part) runs between two short transactions, never
     * inside one: every catalog transaction holds SQLite's write lock from its start, and a check
     * inside would make every other catalog write, and every lookup of a token not yet cached, wait
     * for it. The write re-reads the user, so a password changed or an account disabled meanwhile
     * still refuses the sign-in.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public IssuedToken issue(IssueTokenRequest request) {
        Duration ttl = ttl(request.ttlSeconds());
        Optional<Credentials> found = QuarkusTransaction.requiringNew().call(() ->
                User.findByUsername(request.username()).map(u -> new Credentials(u.id, u.passwordHash)));
        boolean valid = found.isPresent()
                ? hasher.verify(request.password(), found.get().passwordHash())
                : hasher.verifyAgainstDecoy(request.password());
        Optional<IssuedToken> issued = valid
                ? QuarkusTransaction.requiringNew().call(() -> store(found.get(), request.name(), ttl))
                : Optional.empty();
        // One answer for unknown users, wrong passwords and disabled accounts: no account probing.
        return issued.orElseThrow(() -> ProblemException.unauthorized("Invalid username or password."));
    }

    private record Credentials(long userId, String passwordHash) {
    }

    /** A new token for the user, unless it was disabled, deleted or given another password since the check. */
    private Optional<IssuedToken> store(Credentials checked, String name, Duration ttl) {
        User user = User.findById(checked.userId());
        if (user == null || !user.active || !user.passwordHash.equals(checked.passwordHash())) {
            return Optional.empty();
        }
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken stored = new ApiToken();
        stored.tokenHash = sha256(token);
        stored.user = user;
        stored.name = name;
        stored.createdAt = Instant.now();
        stored.expiresAt = stored.createdAt.plus(ttl);
        stored.persist();
        return Optional.of(new IssuedToken(token, stored.expiresAt));
    }

    /**
     * The caller a token stands for, looked up in the catalog (and cached), if it is known, unexpired
     * and its owner active. The read and the recording of the token's use are two transactions, one
     * after the other, never nested: a nested one would hold a second catalog connection per lookup.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<Caller> resolve(String token) {
        if (!isTokenShaped(token)) {
            return Optional.empty();
        }
        String hash = sha256(token);
        long generation = cache.generation(); // before the read: a change committed meanwhile must not be cached over
        Instant now = Instant.now();
        Optional<Resolved> resolved = QuarkusTransaction.requiringNew().call(() -> ApiToken.findByHashWithUser(hash)
                .filter(t -> t.expiresAt.isAfter(now) && t.user.active)
                .map(t -> new Resolved(new Caller(t.user.id, t.user.username, t.user.role, t.id), t.expiresAt,
                        t.lastUsedAt)));
        resolved.ifPresent(r -> {
            if (r.lastUsedAt() == null || r.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
                recordUse(r.caller().tokenId(), now);
            }
            cache.put(hash, r.caller(), r.expiresAt(), generation);
        });
        return resolved.map(Resolved::caller);
    }

    private record Resolved(Caller caller, Instant expiresAt, Instant lastUsedAt) {
    }

    /**
     * Records a token's use in a transaction of its own, after the lookup's, so the lookup holds the
     * catalog's write lock only as long as the read. Racing lookups of the same token (many arrive
     * together when its cache entry expires under load) each try; the condition makes all but the
     * first no-ops.
     */
    private static void recordUse(long tokenId, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> ApiToken.update(
                "lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)",
                now, tokenId, now.minus(LAST_USED_PRECISION)));
    }

    public void revoke(long tokenId) {
        cache.invalidateToken(tokenId);
        ApiToken.deleteById(tokenId);
    }

    /** Signs a user out everywhere, except (optionally) the token making the request. */
    public void revokeAllOf(long userId, Long keepTokenId) {
        cache.invalidateUser(userId);
        if (keepTokenId == null) {
            ApiToken.delete("user.id", userId);
        } else {
            ApiToken.delete("user.id = ?1 and id <> ?2", userId, keepTokenId);
        }
    }

    /**
     * What a user's tokens stand for changed (disabled, re-enabled, role, deleted): their cached
     * lookups go, so the next request sees the change.
     */
    public void userChanged(long userId) {
        cache.invalidateUser(userId);
    }

    static boolean isTokenShaped(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    private Duration ttl(Long requestedSeconds) {
        if (requestedSeconds == null) {
            return config.auth().tokenTtl();
        }
        Duration max = config.auth().tokenMaxTtl();
        if (requestedSeconds > max.toSeconds()) {
            throw ProblemException.invalid("ttlSeconds", "must be at most " + max.toSeconds());
        }
        return Duration.ofSeconds(requestedSeconds);
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
