package dev.steadfast.run;

import dev.steadfast.project.ProjectRowId;
import dev.steadfast.task.Task;
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

/** One attempt at executing a task ({@code runs}, project V1), numbered from 1 per task. */
@Entity
@Table(name = "runs")
public class Run extends PanacheEntityBase {

    @Id
    @ProjectRowId
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "task_id", nullable = false)
    public Task task;

    @Column(nullable = false)
    public int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** Null while RUNNING. */
    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The quality gates the executor reported, as JSON text (the schema checks json_valid). */
    public String gates;

    public String summary;
}
