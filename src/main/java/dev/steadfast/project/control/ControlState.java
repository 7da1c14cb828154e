package dev.steadfast.project.control;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** How a project's runs are governed ({@code control_state}, project V1): a single row, id 1. */
@Entity
@Table(name = "control_state")
public class ControlState extends PanacheEntityBase {

    static final long ID = 1;

    @Id
    public Long id;

    @Column(nullable = false)
    public boolean paused;

    @Column(name = "max_attempts", nullable = false)
    public int maxAttempts;

    @Column(name = "current_task_id")
    public Long currentTaskId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static ControlState current() {
        return ControlState.<ControlState>findByIdOptional(ID)
                .orElseThrow(() -> new IllegalStateException("The project file has no control_state row"));
    }
}
