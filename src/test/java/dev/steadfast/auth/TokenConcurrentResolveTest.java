package dev.steadfast.auth;

import dev.steadfast.TestApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a token's cache entry expires under load, many requests look it up at once, and each may
 * record the token's last use. None of them may fail for it: recording is a write, and SQLite
 * refuses to turn a read transaction into a write once another connection has committed.
 */
@QuarkusTest
class TokenConcurrentResolveTest {

    private static final int THREADS = 16;

    @Inject
    TokenService tokens;

    @Test
    void shouldResolveATokenFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 5; round++) {
                String token = TestApi.createUser("USER").token(); // never used yet: every lookup records its use
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<Caller>>> results = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return tokens.resolve(token);
                    }));
                }
                start.countDown();
                for (Future<Optional<Caller>> result : results) {
                    assertTrue(result.get().isPresent(), "every concurrent lookup resolves the token");
                }
                Instant lastUsed = QuarkusTransaction.requiringNew().call(() ->
                        ApiToken.findByHashWithUser(TokenService.sha256(token)).orElseThrow().lastUsedAt);
                assertNotNull(lastUsed, "the token's use is recorded");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
