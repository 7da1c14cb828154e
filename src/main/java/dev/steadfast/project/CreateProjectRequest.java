package dev.steadfast.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new project: a name and, optionally, what it is about. */
public record CreateProjectRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
        @Size(max = 10_000, message = "must be at most 10000 characters") String description) {
}
