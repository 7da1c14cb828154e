package dev.steadfast.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steadfast.common.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of a RUNNING run: SUCCESS, FAILURE or CANCELLED (TIMEOUT is the service's to set),
 * an optional summary, and optional gates, any JSON value, kept as reported.
 */
@RegisterForReflection // BodyConstraints reads its components and their constraints
public record FinishRunRequest(
        // Typed RunStatus so that outcome() can say why RUNNING and TIMEOUT are refused; the document
        // lists only the values accepted.
        @Schema(enumeration = {"SUCCESS", "FAILURE", "CANCELLED"})
        @NotNull(message = "is required (SUCCESS, FAILURE or CANCELLED)") RunStatus status,
        @Size(max = 100_000, message = "must be at most 100000 characters") String summary,
        // Without this, the document described JsonNode's Java getters (empty, valueNode…) as properties.
        @Schema(implementation = Object.class, description = "any JSON value, as reported") JsonNode gates) {

    /** The reported status; RUNNING or TIMEOUT are a 400, since no client may claim them. */
    public RunStatus outcome() {
        if (!status.reportable()) {
            throw ProblemException.invalid("status", "must be SUCCESS, FAILURE or CANCELLED; " + status
                    + (status == RunStatus.TIMEOUT ? " is set by the service" : " is not an outcome"));
        }
        return status;
    }

    /** The gates as JSON text, or null when none (or JSON null) were sent. */
    public String gatesJson() {
        // JsonNode.toString() writes valid, compact JSON (Jackson 2.10+).
        return gates == null || gates.isNull() || gates.isMissingNode() ? null : gates.toString();
    }
}
