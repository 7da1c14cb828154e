package dev.steadfast.run;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A run as the API shows it; {@code gates} is the JSON value the executor reported, not a string. */
public record RunView(long id, long taskId, int attempt, RunStatus status, Instant startedAt, Instant finishedAt,
                      @JsonRawValue @Schema(implementation = Object.class, description = "any JSON value, as reported")
                      String gates,
                      String summary) {

    static RunView of(Run run) {
        // task.id of a lazy association is read from the foreign key: no extra query.
        return new RunView(run.id, run.task.id, run.attempt, run.status, run.startedAt, run.finishedAt,
                run.gates, run.summary);
    }
}
