package dev.steadfast.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolved bearer tokens, kept a few seconds so a busy client does not cost a catalog query per
 * request. Keyed by the token's SHA-256 (the secret itself is never kept). Anything that changes
 * what a token stands for (revocation, a user disabled, demoted, deleted or given a new password)
 * calls {@link #invalidateToken} or {@link #invalidateUser}, which act at once and again when the
 * transaction ends; a generation counter stops a lookup that read the catalog before the change
 * from caching what it read. The TTL only bounds changes made behind the service's back.
 */
@ApplicationScoped
public class TokenCache {

    static final Duration TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, long tokenExpiresAtMillis, long cachedUntilNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final TransactionSynchronizationRegistry transactions;

    TokenCache(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** The caller cached for a token hash, if still fresh and the token unexpired. */
    public Optional<Caller> get(String tokenHash) {
        Entry entry = entries.get(tokenHash);
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - entry.cachedUntilNanos() >= 0 || System.currentTimeMillis() >= entry.tokenExpiresAtMillis()) {
            entries.remove(tokenHash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Read before looking a token up in the catalog; hand it to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    /** Caches a lookup, unless anything was invalidated since {@code generationBefore} was read. */
    public void put(String tokenHash, Caller caller, Instant tokenExpiresAt, long generationBefore) {
        if (entries.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.cachedUntilNanos() >= 0);
            if (entries.size() >= MAX_ENTRIES) {
                return; // full of live entries: serve uncached rather than grow
            }
        }
        entries.put(tokenHash, new Entry(caller, tokenExpiresAt.toEpochMilli(), System.nanoTime() + TTL.toNanos()));
        if (generation.get() != generationBefore) {
            entries.remove(tokenHash); // an invalidation raced with this lookup: what it read may be stale
        }
    }

    /** Forgets one token (revoked). */
    public void invalidateToken(long tokenId) {
        invalidate(() -> entries.values().removeIf(e -> e.caller().tokenId() == tokenId));
    }

    /** Forgets every token of a user (disabled, demoted, deleted, new password, tokens revoked). */
    public void invalidateUser(long userId) {
        invalidate(() -> entries.values().removeIf(e -> e.caller().userId() == userId));
    }

    int size() {
        return entries.size();
    }

    private void invalidate(Runnable removal) {
        generation.incrementAndGet();
        removal.run();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            // Until the change commits, a concurrent lookup can still read (and cache) the old rows.
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                    removal.run();
                }
            });
        }
    }
}
