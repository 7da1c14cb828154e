package dev.steadfast.review;

import java.time.Instant;

/** A change request as the API shows it. */
public record ChangeRequestView(long id, long taskId, String title, String description, ChangeRequestStatus status,
                                String author, Instant createdAt, Instant updatedAt) {

    static ChangeRequestView of(ChangeRequest cr) {
        return new ChangeRequestView(cr.id, cr.task.id, cr.title, cr.description, cr.status, cr.author,
                cr.createdAt, cr.updatedAt);
    }
}
