package dev.steadfast.project.control;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A project file's own row ({@code project}, project V1): the file describes itself. */
@Entity
@Table(name = "project")
public class ProjectInfo extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
