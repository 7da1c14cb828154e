package dev.steadfast.task;

import dev.steadfast.project.ProjectRowId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** One immutable edit of a task's content ({@code task_versions}, project V1), numbered from 1. */
@Entity
@Table(name = "task_versions")
public class TaskVersion extends PanacheEntityBase {

    @Id
    @ProjectRowId
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "task_id", nullable = false)
    public Task task;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String content;

    @Column(nullable = false)
    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<TaskVersion> find(long taskId, int number) {
        return find("task.id = ?1 and number = ?2", taskId, number).firstResultOptional();
    }

    public static int latestNumber(long taskId) {
        Integer max = find("select max(v.number) from TaskVersion v where v.task.id = ?1", taskId)
                .project(Integer.class).firstResult();
        return max == null ? 0 : max;
    }
}
