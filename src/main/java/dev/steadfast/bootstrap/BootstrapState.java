package dev.steadfast.bootstrap;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A fact the boot reconcilers keep between restarts; mapped to {@code bootstrap_state} (catalog V1). */
@Entity
@Table(name = "bootstrap_state")
public class BootstrapState extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String value;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<String> get(String name) {
        return BootstrapState.<BootstrapState>findByIdOptional(name).map(state -> state.value);
    }

    public static void put(String name, String value) {
        BootstrapState state = BootstrapState.<BootstrapState>findByIdOptional(name).orElseGet(() -> {
            BootstrapState created = new BootstrapState();
            created.name = name;
            return created;
        });
        state.value = value;
        state.updatedAt = Instant.now();
        state.persist();
    }

    public static void remove(String name) {
        deleteById(name);
    }
}
