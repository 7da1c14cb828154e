package dev.steadfast.review;

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

/** A recorded decision on a task or a change request; never edited or deleted ({@code approvals}). */
@Entity
@Table(name = "approvals")
public class Approval extends PanacheEntityBase {

    @Id
    @ProjectRowId
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "task_id")
    public Task task;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "change_request_id")
    public ChangeRequest changeRequest;

    @Column(nullable = false)
    public String approver;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Decision decision;

    public String comment;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
