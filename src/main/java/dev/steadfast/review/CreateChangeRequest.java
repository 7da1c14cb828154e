package dev.steadfast.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new change request, in DRAFT, against a task of the project. */
public record CreateChangeRequest(
        @NotNull(message = "is required") Long taskId,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
        @Size(max = 100_000, message = "must be at most 100000 characters") String description) {
}
