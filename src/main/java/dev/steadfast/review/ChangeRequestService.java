package dev.steadfast.review;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.Descriptions;
import dev.steadfast.common.ListFilters;
import dev.steadfast.common.Page;
import dev.steadfast.common.ProblemException;
import dev.steadfast.task.Task;
import dev.steadfast.task.TaskService;
import dev.steadfast.task.TaskStatus;
import dev.steadfast.user.Role;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Objects;

/**
 * Change requests: edited while DRAFT, by their author only, immutable once submitted, implemented
 * only after approval. A draft is its author's: were anyone else to edit and submit it, the person
 * who wrote what is decided on could then approve it, and nobody would have reviewed their words.
 */
@ApplicationScoped
@Transactional
public class ChangeRequestService {

    public ChangeRequestView create(CreateChangeRequest request, Caller caller) {
        Instant now = Instant.now();
        ChangeRequest cr = new ChangeRequest();
        cr.task = openTask(TaskService.find(request.taskId()), "takes no new change requests");
        cr.title = request.title().strip();
        cr.description = Descriptions.stored(request.description());
        cr.status = ChangeRequestStatus.DRAFT;
        cr.author = caller.username();
        cr.createdAt = now;
        cr.updatedAt = now;
        cr.persist();
        return ChangeRequestView.of(cr);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ChangeRequestView> list(int page, int size, ChangeRequestStatus status, Long taskId) {
        ListFilters filters = new ListFilters().equal("status", status).equal("task.id", taskId);
        var query = ChangeRequest.find(filters.where(), Sort.ascending("id"), filters.params()).page(page, size);
        return new Page<>(query.<ChangeRequest>list().stream().map(ChangeRequestView::of).toList(), page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ChangeRequestView get(long id) {
        return ChangeRequestView.of(find(id));
    }

    public ChangeRequestView update(long id, UpdateChangeRequest request, Caller caller) {
        ChangeRequest cr = ownDraft(id, "edited", caller);
        openTask(cr.task, "takes no edit to its change requests");
        String title = request.title() == null ? cr.title : request.title().strip();
        String description = request.description() == null ? cr.description : Descriptions.stored(request.description());
        if (title.equals(cr.title) && Objects.equals(description, cr.description)) {
            return ChangeRequestView.of(cr); // nothing to change: same updatedAt
        }
        cr.title = title;
        cr.description = description;
        cr.updatedAt = Instant.now();
        return ChangeRequestView.of(cr);
    }

    /** By its author, or by an ADMIN clearing away a draft left behind. */
    public void delete(long id, Caller caller) {
        ChangeRequest cr = draft(id, "deleted");
        if (caller.role() != Role.ADMIN) {
            authoredBy(cr, caller, "deleted");
        }
        cr.delete();
    }

    public ChangeRequestView submit(long id, Caller caller) {
        ChangeRequest cr = ownDraft(id, "submitted", caller);
        openTask(cr.task, "takes no change request for review");
        cr.status = ChangeRequestStatus.SUBMITTED;
        cr.updatedAt = Instant.now();
        return ChangeRequestView.of(cr);
    }

    public ChangeRequestView markImplemented(long id) {
        ChangeRequest cr = find(id);
        if (cr.status != ChangeRequestStatus.APPROVED) {
            throw ProblemException.conflict("Change request " + id + " is " + cr.status
                    + "; only an APPROVED change request can be marked implemented.");
        }
        if (cr.task.status == TaskStatus.CANCELLED) {
            throw ProblemException.conflict("Task " + cr.task.id + " is CANCELLED; a change to a cancelled task is not "
                    + "implemented.");
        }
        cr.status = ChangeRequestStatus.IMPLEMENTED;
        cr.updatedAt = Instant.now();
        return ChangeRequestView.of(cr);
    }

    /**
     * {@code task}, unless it is finished (COMPLETED or CANCELLED): a change to a finished task is
     * no longer a proposal anyone can act on, so it is neither made, edited, submitted nor decided.
     */
    static Task openTask(Task task, String what) {
        if (task.status.terminal()) {
            throw ProblemException.conflict("Task " + task.id + " is " + task.status + "; a finished task " + what + ".");
        }
        return task;
    }

    static ChangeRequest find(long id) {
        return ChangeRequest.<ChangeRequest>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No change request with id " + id + " in this project."));
    }

    private static ChangeRequest ownDraft(long id, String what, Caller caller) {
        return authoredBy(draft(id, what), caller, what);
    }

    private static ChangeRequest authoredBy(ChangeRequest cr, Caller caller, String what) {
        if (!cr.author.equalsIgnoreCase(caller.username())) {
            throw ProblemException.forbidden("Change request " + cr.id + " is a DRAFT of " + cr.author
                    + "; only its author can have it " + what + ".");
        }
        return cr;
    }

    private static ChangeRequest draft(long id, String what) {
        ChangeRequest cr = find(id);
        if (cr.status != ChangeRequestStatus.DRAFT) {
            throw ProblemException.conflict("Change request " + id + " is " + cr.status
                    + "; only a DRAFT can be " + what + ".");
        }
        return cr;
    }
}
