package dev.steadfast.task;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.Descriptions;
import dev.steadfast.common.ListFilters;
import dev.steadfast.common.Page;
import dev.steadfast.common.Preconditions;
import dev.steadfast.common.ProblemException;
import dev.steadfast.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Tasks of the project the request entered: creation, edits as versions, and the status machine. */
@ApplicationScoped
@Transactional
public class TaskService {

    private final RunService runs;

    TaskService(RunService runs) {
        this.runs = runs;
    }

    public TaskView create(CreateTaskRequest request, Caller caller) {
        Instant now = Instant.now();
        Task task = new Task();
        task.title = request.title().strip();
        task.description = Descriptions.stored(request.description());
        task.phase = request.phase();
        task.priority = request.priority() == null ? 0 : request.priority();
        task.status = TaskStatus.PENDING;
        task.createdBy = caller.username();
        task.createdAt = now;
        task.updatedAt = now;
        task.persist();
        task.activeVersion = newVersion(task, 1, request.content(), caller, now);
        return TaskView.of(task);
    }

    /**
     * Summaries, selected column by column: the active version is joined for its number only, so no
     * content is read (loading the entities would fetch every active version whole, eagerly).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TaskSummaryView> list(int page, int size, TaskStatus status, TaskPhase phase) {
        ListFilters filters = new ListFilters().equal("t.status", status).equal("t.phase", phase);
        var query = Task.find("select t.id, t.title, t.description, t.phase, t.status, t.priority, coalesce(v.number, 0),"
                        + " t.createdBy, t.createdAt, t.updatedAt from Task t left join t.activeVersion v"
                        + " where " + filters.where() + " order by t.id", filters.params())
                .project(TaskSummaryView.class).page(page, size);
        return new Page<>(query.list(), page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TaskView get(long taskId) {
        return TaskView.of(find(taskId));
    }

    /** {@code ifMatch}, here and below: the client's {@code If-Match} value, null when it sent none. */
    public TaskView update(long taskId, UpdateTaskRequest request, Preconditions conditions, Caller caller) {
        Task task = findUnchanged(taskId, conditions);
        requireEditable(task);
        boolean newContent = request.content() != null && !Objects.equals(request.content(), task.activeVersion.content);
        if (newContent) {
            requireContentOpen(task);
        }
        String title = request.title() == null ? task.title : request.title().strip();
        String description = request.description() == null ? task.description : Descriptions.stored(request.description());
        TaskPhase phase = request.phase() == null ? task.phase : request.phase();
        int priority = request.priority() == null ? task.priority : request.priority();
        if (!newContent && title.equals(task.title) && Objects.equals(description, task.description)
                && phase == task.phase && priority == task.priority) {
            return TaskView.of(task); // nothing to change: no write, same updatedAt, same ETag
        }
        Instant now = Instant.now();
        task.title = title;
        task.description = description;
        task.phase = phase;
        task.priority = priority;
        if (newContent) {
            task.activeVersion = newVersion(task, TaskVersion.latestNumber(task.id) + 1, request.content(), caller, now);
        }
        task.updatedAt = now;
        return TaskView.of(task);
    }

    /** Deletes a task that nothing refers to yet; otherwise it is cancelled, never erased. */
    public void delete(long taskId, Preconditions conditions) {
        Task task = findUnchanged(taskId, conditions);
        if (task.status != TaskStatus.PENDING) {
            throw ProblemException.conflict("Task " + taskId + " is " + task.status + "; only PENDING tasks can be deleted"
                    + (task.status.allowedNext().contains(TaskStatus.CANCELLED) ? ". Move it to CANCELLED instead." : "."));
        }
        String referrers = referrersOf(taskId);
        if (!referrers.isEmpty()) {
            throw ProblemException.conflict("Task " + taskId + " is referred to by " + referrers
                    + "; deleting it would break that history. Move it to CANCELLED instead.");
        }
        task.activeVersion = null;
        task.flush();
        // The versions were loaded with the task: forget them, or the flush after the bulk deletes
        // would find the loaded version pointing at a deleted task.
        Task.getEntityManager().clear();
        TaskVersion.delete("task.id", taskId);
        Task.delete("id", taskId);
    }

    /**
     * What in the project file points at the task, e.g. "1 change request, 2 runs", or "" when
     * nothing does. The foreign keys would refuse the delete anyway, but only with a message that
     * cannot say what refers to it.
     */
    private static String referrersOf(long taskId) {
        Object[] counts = (Object[]) Task.getEntityManager().createNativeQuery("""
                SELECT (SELECT count(*) FROM change_requests WHERE task_id = ?1),
                       (SELECT count(*) FROM approvals WHERE task_id = ?1),
                       (SELECT count(*) FROM runs WHERE task_id = ?1),
                       (SELECT count(*) FROM artifacts WHERE task_id = ?1),
                       (SELECT count(*) FROM control_state WHERE current_task_id = ?1)""")
                .setParameter(1, taskId).getSingleResult();
        String[] names = {"change request", "approval", "run", "artifact", "the control state as its current task"};
        List<String> found = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            long count = ((Number) counts[i]).longValue();
            if (count > 0) {
                found.add(i == names.length - 1 ? names[i] : count + " " + names[i] + (count == 1 ? "" : "s"));
            }
        }
        return String.join(", ", found);
    }

    /** A status move other than a decision (APPROVED/REJECTED are recorded as approvals). */
    public TaskView transition(long taskId, TaskStatus to, Preconditions conditions) {
        Task task = findUnchanged(taskId, conditions);
        if (to.terminal() && task.status.allowedNext().contains(to)) {
            // Else the run would go on RUNNING for a finished task, which the control state would
            // keep as its current task until the run timed out.
            runs.unfinishedRunOf(taskId).ifPresent(run -> {
                throw ProblemException.conflict("Task " + taskId + " has a RUNNING run (id " + run + "): finish it"
                        + " (POST .../runs/" + run + "/finish) before moving the task to " + to + ".");
            });
        }
        moveTo(task, to);
        return TaskView.of(task);
    }

    /** Moves a task along the status machine; an illegal move is a 409 naming the allowed ones. */
    public static void moveTo(Task task, TaskStatus to) {
        if (!task.status.allowedNext().contains(to)) {
            throw ProblemException.conflict("Task " + task.id + " cannot move from " + task.status + " to " + to
                    + "; allowed: " + allowedMoves(task.status) + ".");
        }
        task.status = to;
        task.updatedAt = Instant.now();
    }

    /** The moves the status machine allows from a status, for a 409 to name. */
    public static String allowedMoves(TaskStatus from) {
        return from.allowedNext().isEmpty() ? "none, " + from + " is final"
                : from.allowedNext().stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Version summaries, selected column by column so that no content is read. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TaskVersionSummaryView> versions(long taskId, int page, int size) {
        long active = activeVersionId(taskId);
        var query = TaskVersion.find("select v.number, v.author, v.createdAt, case when v.id = :active then true else false end"
                        + " from TaskVersion v where v.task.id = :taskId order by v.number",
                        Map.of("active", active, "taskId", taskId))
                .project(TaskVersionSummaryView.class).page(page, size);
        return new Page<>(query.list(), page, size, query.count());
    }

    /** One version with its content; the task's active version is not loaded. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TaskVersionView version(long taskId, int number) {
        long active = activeVersionId(taskId);
        return TaskVersionView.of(findVersion(taskId, number), active);
    }

    /** A new version copying version n: history is never rewritten. */
    public TaskView restore(long taskId, int number, Preconditions conditions, Caller caller) {
        Task task = findUnchanged(taskId, conditions);
        requireEditable(task);
        TaskVersion source = findVersion(taskId, number);
        if (Objects.equals(source.content, task.activeVersion.content)) {
            // The content is already that version's, as after a PATCH with the same content: no
            // new version, same updatedAt and ETag, so a retried restore changes nothing.
            return TaskView.of(task);
        }
        requireContentOpen(task);
        Instant now = Instant.now();
        task.activeVersion = newVersion(task, TaskVersion.latestNumber(taskId) + 1, source.content, caller, now);
        task.updatedAt = now;
        return TaskView.of(task);
    }

    /** A task about to change: 404 when unknown, 412 when its state fails the request's conditions. */
    public static Task findUnchanged(long taskId, Preconditions conditions) {
        Task task = find(taskId);
        TaskTags.requireUnchanged(task, conditions);
        return task;
    }

    /** The task with this id in the entered project, or 404: ids of other projects are never found here. */
    public static Task find(long taskId) {
        return Task.<Task>findByIdOptional(taskId).orElseThrow(() -> missing(taskId));
    }

    /** Version n of the task, or 404. */
    private static TaskVersion findVersion(long taskId, int number) {
        return TaskVersion.find(taskId, number)
                .orElseThrow(() -> ProblemException.notFound("Task " + taskId + " has no version " + number + "."));
    }

    /** The id of the task's active version (0 if it has none), or 404 for an unknown task; reads no content. */
    private static long activeVersionId(long taskId) {
        return Task.find("select coalesce(v.id, 0) from Task t left join t.activeVersion v where t.id = ?1", taskId)
                .project(Long.class).firstResultOptional().orElseThrow(() -> missing(taskId));
    }

    private static ProblemException missing(long taskId) {
        return ProblemException.notFound("No task with id " + taskId + " in this project.");
    }

    private static void requireEditable(Task task) {
        if (task.status.terminal()) {
            throw ProblemException.conflict("Task " + task.id + " is " + task.status + " and can no longer be edited.");
        }
    }

    /**
     * The content awaiting approval, or approved, is what the approval is about: a new version then
     * would complete the task with content nobody approved. Rejecting the task reopens it.
     */
    private static void requireContentOpen(Task task) {
        if (task.status == TaskStatus.AWAITING_APPROVAL || task.status == TaskStatus.APPROVED) {
            throw ProblemException.conflict("Task " + task.id + " is " + task.status + ": its content is under approval "
                    + "and cannot change. Reject it and move it back to IN_PROGRESS to change the content.");
        }
    }

    private static TaskVersion newVersion(Task task, int number, String content, Caller caller, Instant now) {
        TaskVersion version = new TaskVersion();
        version.task = task;
        version.number = number;
        version.content = content;
        version.author = caller.username();
        version.createdAt = now;
        version.persist();
        return version;
    }
}
