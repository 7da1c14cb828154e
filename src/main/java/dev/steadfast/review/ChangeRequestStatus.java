package dev.steadfast.review;

/** DRAFT (editable) → SUBMITTED (immutable) → APPROVED | REJECTED; APPROVED → IMPLEMENTED. */
public enum ChangeRequestStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    REJECTED,
    IMPLEMENTED
}
