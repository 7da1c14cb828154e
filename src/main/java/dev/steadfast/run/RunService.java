package dev.steadfast.run;

import dev.steadfast.common.ListFilters;
import dev.steadfast.common.Page;
import dev.steadfast.common.ProblemException;
import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.project.control.ControlState;
import dev.steadfast.task.Task;
import dev.steadfast.task.TaskService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs of the project the request entered: starting the next attempt at a task within the
 * project's control state, and recording how it finished.
 *
 * <p>Timeouts are applied lazily. Nothing watches the clock in the background (a project may be
 * closed for days, and 10,000 files must not mean 10,000 timers); instead every operation on runs
 * (list, get, start, finish), and on the control state, first turns each run of the entered project that has been RUNNING
 * longer than {@code steadfast.projects.run-timeout} into TIMEOUT, with
 * {@code finished_at = started_at + timeout}: the moment it timed out, not the moment somebody
 * noticed. A client therefore never sees a run that should have timed out as RUNNING, a timed-out
 * run no longer blocks the next attempt, and finishing it is a 409. Writes expire in their own
 * transaction; reads look for an overdue run outside any transaction (SUPPORTS, like the other
 * services' reads: no write turn, no queueing behind writers) and open a short transaction of their
 * own only when there is one to expire.
 *
 * <p>A refusal (a {@link ProblemException}) does not roll back: every check comes before the
 * operation's own writes, so the only thing it would undo is the expiry, which is true whatever
 * the outcome of the request.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = ProblemException.class)
public class RunService {

    private final Duration timeout;

    RunService(SteadfastConfig config) {
        this.timeout = config.projects().runTimeout();
    }

    public RunView start(long taskId) {
        expireOverdue();
        Task task = TaskService.find(taskId);
        ControlState control = ControlState.current();
        if (control.paused) {
            throw ProblemException.conflict("The project is paused: no run can start. Resume it with PUT .../control.");
        }
        if (task.status.terminal()) {
            throw ProblemException.conflict("Task " + taskId + " is " + task.status + "; a finished task gets no more runs.");
        }
        Run running = Run.<Run>find("task.id = ?1 and status = ?2", taskId, RunStatus.RUNNING).firstResult();
        if (running != null) {
            throw ProblemException.conflict("Task " + taskId + " already has a RUNNING run (id " + running.id
                    + "); finish it before starting another.");
        }
        int attempts = (int) Run.count("task.id", taskId);
        if (attempts >= control.maxAttempts) {
            throw ProblemException.conflict("Task " + taskId + " has used " + attempts + " of its "
                    + control.maxAttempts + " attempts (the project's maxAttempts limit); no run can start.");
        }
        Instant now = Instant.now();
        Run run = new Run();
        run.task = task;
        run.attempt = attempts + 1; // runs are never deleted, so the count is the latest attempt number
        run.status = RunStatus.RUNNING;
        run.startedAt = now;
        run.persist();
        control.currentTaskId = task.id;
        control.updatedAt = now;
        return RunView.of(run);
    }

    public RunView finish(long runId, FinishRunRequest request) {
        // Everything the request can be refused for comes before the first write: a refusal does
        // not roll back (see above).
        RunStatus outcome = request.outcome();
        String gates = request.gatesJson();
        expireOverdue();
        Run run = find(runId);
        if (run.status != RunStatus.RUNNING) {
            throw ProblemException.conflict("Run " + runId + " is " + run.status
                    + "; only a RUNNING run can be finished.");
        }
        Instant now = Instant.now();
        run.status = outcome;
        run.finishedAt = now;
        run.summary = request.summary();
        run.gates = gates;
        ControlState control = ControlState.current();
        if (run.task.id.equals(control.currentTaskId)) {
            // Runs of other tasks may still be going: the latest started of them holds the project now.
            Run latest = Run.<Run>find("status = ?1 and id <> ?2 order by startedAt desc, id desc",
                    RunStatus.RUNNING, run.id).firstResult();
            control.currentTaskId = latest == null ? null : latest.task.id;
            control.updatedAt = now;
        }
        return RunView.of(run);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RunView> list(int page, int size, Long taskId, RunStatus status) {
        expireOverdueFromARead();
        ListFilters filters = new ListFilters().equal("task.id", taskId).equal("status", status);
        var query = Run.find(filters.where(), Sort.ascending("id"), filters.params()).page(page, size);
        return new Page<>(query.<Run>list().stream().map(RunView::of).toList(), page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RunView get(long runId) {
        expireOverdueFromARead();
        return RunView.of(find(runId));
    }

    /**
     * The task's RUNNING run that has not timed out, if it has one: a task cannot end while an
     * attempt at it is still running (a run past its timeout counts as TIMEOUT, so it does not).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Long> unfinishedRunOf(long taskId) {
        long cutoff = Instant.now().toEpochMilli() - timeout.toMillis();
        List<?> ids = Run.getEntityManager()
                .createNativeQuery("SELECT id FROM runs WHERE task_id = ?1 AND status = 'RUNNING' AND started_at >= ?2 LIMIT 1")
                .setParameter(1, taskId).setParameter(2, cutoff).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).findFirst();
    }

    /** The run with this id in the entered project, or 404: ids of other projects are never found here. */
    public static Run find(long runId) {
        return Run.<Run>findByIdOptional(runId)
                .orElseThrow(() -> ProblemException.notFound("No run with id " + runId + " in this project."));
    }

    /**
     * Applies the timeout to the entered project's runs now, for the control state: it names the
     * task a run holds, and showed a timed-out run's task as current until some run operation
     * came by. Called outside any transaction, as the reads are.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void applyTimeouts() {
        expireOverdueFromARead();
    }

    /**
     * Turns every run RUNNING for longer than the timeout into TIMEOUT, and lets go of the project's
     * current task if it was one of theirs (for the task of the latest started run still going, if
     * any). Bulk statements, run before anything is loaded, so the persistence context never holds
     * a stale RUNNING copy.
     */
    private void expireOverdue() {
        long now = Instant.now().toEpochMilli();
        // Look first (index runs_status covers it): an UPDATE would take SQLite's single writer
        // lock even when it changes nothing.
        if (anyOverdue(now)) {
            expire(now);
        }
    }

    /**
     * For the reads, which run outside a transaction: the look needs no write turn, and only an
     * overdue run costs a transaction of its own (committed before the read goes on, so the read
     * sees its result). Its statements re-check the condition, so two reads racing to expire the
     * same run change it once.
     */
    private void expireOverdueFromARead() {
        long now = Instant.now().toEpochMilli();
        if (anyOverdue(now)) {
            QuarkusTransaction.requiringNew().run(() -> expire(now));
        }
    }

    private boolean anyOverdue(long now) {
        return !Run.getEntityManager()
                .createNativeQuery("SELECT 1 FROM runs WHERE status = 'RUNNING' AND started_at < ?1 LIMIT 1")
                .setParameter(1, now - timeout.toMillis()).getResultList().isEmpty();
    }

    private void expire(long now) {
        long timeoutMillis = timeout.toMillis();
        long cutoff = now - timeoutMillis;
        var em = Run.getEntityManager();
        // The control state changed when the run timed out, not when somebody noticed: its
        // updatedAt becomes that moment, unless a later change (a pause, say) is already recorded.
        // The current task's run timed out: the latest started run still within its time holds the
        // project now, if there is one.
        em.createNativeQuery("UPDATE control_state SET current_task_id = (SELECT task_id FROM runs"
                        + " WHERE status = 'RUNNING' AND started_at >= ?2 ORDER BY started_at DESC, id DESC LIMIT 1),"
                        + " updated_at = MAX(updated_at,"
                        + " (SELECT MAX(started_at) FROM runs WHERE task_id = control_state.current_task_id"
                        + " AND status = 'RUNNING' AND started_at < ?2) + ?1)"
                        + " WHERE current_task_id IN (SELECT task_id FROM runs WHERE status = 'RUNNING' AND started_at < ?2)")
                .setParameter(1, timeoutMillis).setParameter(2, cutoff)
                .executeUpdate();
        em.createNativeQuery("UPDATE runs SET status = 'TIMEOUT', finished_at = started_at + ?1"
                        + " WHERE status = 'RUNNING' AND started_at < ?2")
                .setParameter(1, timeoutMillis).setParameter(2, cutoff)
                .executeUpdate();
    }
}
