package dev.steadfast.review;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.Descriptions;
import dev.steadfast.common.ListFilters;
import dev.steadfast.common.Page;
import dev.steadfast.common.ProblemException;
import dev.steadfast.task.Task;
import dev.steadfast.task.TaskService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Objects;

/** Change requests: edited while DRAFT, immutable once submitted, implemented only after approval. */
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

    public ChangeRequestView update(long id, UpdateChangeRequest request) {
        ChangeRequest cr = draft(id, "edited");
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

    public void delete(long id) {
        draft(id, "deleted").delete();
    }

    public ChangeRequestView submit(long id) {
        ChangeRequest cr = draft(id, "submitted");
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
        cr.status = ChangeRequestStatus.IMPLEMENTED;
        cr.updatedAt = Instant.now();
        return ChangeRequestView.of(cr);
    }

    /**
     * {@code task}, unless it is finished (COMPLETED or CANCELLED): a change to a finished task is
     * no longer a proposal anyone can act on, so it is neither made, submitted nor decided.
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

    private static ChangeRequest draft(long id, String what) {
        ChangeRequest cr = find(id);
        if (cr.status != ChangeRequestStatus.DRAFT) {
            throw ProblemException.conflict("Change request " + id + " is " + cr.status
                    + "; only a DRAFT can be " + what + ".");
        }
        return cr;
    }
}
