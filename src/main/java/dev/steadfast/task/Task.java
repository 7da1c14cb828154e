package dev.steadfast.task;

import dev.steadfast.project.ProjectRowId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** A unit of work in a project ({@code tasks}, project V1); its content lives in versions. */
@Entity
@Table(name = "tasks")
public class Task extends PanacheEntityBase {

    @Id
    @ProjectRowId
    public Long id;

    @Column(nullable = false)
    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskPhase phase;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskStatus status;

    /** 0 (default) to 9; project schema V2. */
    @Column(nullable = false)
    public int priority;

    /**
     * Eager: every view of a task shows its active version, and loading a task by id then takes one
     * SELECT with a join from Hibernate's prepared loader, the cheapest read there is (the hot path).
     */
    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "active_version_id")
    public TaskVersion activeVersion;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
