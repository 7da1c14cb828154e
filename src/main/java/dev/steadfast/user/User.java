package dev.steadfast.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.Session;
import org.hibernate.annotations.NaturalId;

import java.time.Instant;
import java.util.Optional;

/** A person or client allowed to call the API; mapped to {@code users} (catalog V1). */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Unique (case-insensitive in SQLite) and never changed after creation: the natural id. */
    @NaturalId
    @Column(nullable = false)
    public String username;

    public String email;

    @Column(name = "display_name", nullable = false)
    public String displayName = "";

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Case-insensitive, because the column is declared COLLATE NOCASE. Loaded by natural id through
     * Hibernate's prepared loader, not a query: nothing to parse. The admin reconciler runs this on
     * every boot, and keeping the HQL parser (hundreds of classes and about half a second on two
     * cores) out of boot shortens the time to ready.
     */
    public static Optional<User> findByUsername(String username) {
        return getEntityManager().unwrap(Session.class).bySimpleNaturalId(User.class).loadOptional(username);
    }

    public static long countActiveAdmins() {
        return count("role = ?1 and active = true", Role.ADMIN);
    }

    public boolean isActiveAdmin() {
        return active && role == Role.ADMIN;
    }
}
