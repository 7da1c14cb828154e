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

import java.time.Instant;
import java.util.Optional;

/** A person or client allowed to call the API; mapped to {@code users} (catalog V1). */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

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

    /** Case-insensitive, because the column is declared COLLATE NOCASE. */
    public static Optional<User> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static long countActiveAdmins() {
        return count("role = ?1 and active = true", Role.ADMIN);
    }

    public boolean isActiveAdmin() {
        return active && role == Role.ADMIN;
    }
}
