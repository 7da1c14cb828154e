package dev.steadfast.project;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial update of a project: only the fields present change. */
public record UpdateProjectRequest(
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters") @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
        @Size(max = 10_000, message = "must be at most 10000 characters") String description) {
}
