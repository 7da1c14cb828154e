package dev.steadfast.artifact;

import dev.steadfast.project.ProjectRowId;
import dev.steadfast.run.Run;
import dev.steadfast.task.Task;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
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

/**
 * Something the workflow produced, kept byte for byte and never changed ({@code artifacts},
 * project V1); it may belong to a task, a run, both or neither.
 */
@Entity
@Table(name = "artifacts")
public class Artifact extends PanacheEntityBase {

    @Id
    @ProjectRowId
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "task_id")
    public Task task;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "run_id")
    public Run run;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ArtifactType type;

    @Column(nullable = false)
    public String name;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    /** Lazy (Quarkus enhances entities): listing metadata must not read megabytes of content. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public byte[] content;

    @Column(nullable = false)
    public long size;

    /** Lower-case hex SHA-256 of the content; also the download's ETag. */
    @Column(nullable = false)
    public String sha256;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
