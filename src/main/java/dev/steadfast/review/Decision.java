package dev.steadfast.review;

/** What an approver decided. */
public enum Decision {
    APPROVED,
    REJECTED
}
