package dev.steadfast.auth;

import dev.steadfast.user.User;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A bearer token, stored only as its SHA-256 hash; mapped to {@code api_tokens} (catalog V1). */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    public User user;

    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** The token with its owner, fetched together: authentication needs both on every request. */
    public static Optional<ApiToken> findByHashWithUser(String tokenHash) {
        return find("from ApiToken t join fetch t.user where t.tokenHash = ?1", tokenHash).firstResultOptional();
    }

    /**
     * Deletes the tokens of users that no longer exist; returns how many. Only a user row deleted
     * with foreign keys off (the sqlite3 shell's default) leaves them, and SQLite may give its id to
     * the next user, who would then sign in with them. Native SQL: the boot runs it, and an HQL
     * statement would load Hibernate's query parser just for it.
     */
    public static int deleteOrphans() {
        return getEntityManager()
                .createNativeQuery("DELETE FROM api_tokens WHERE user_id NOT IN (SELECT id FROM users)")
                .executeUpdate();
    }
}
