package dev.steadfast.user;

/** What a user may do: ADMIN manages users; USER works with projects. */
public enum Role {
    ADMIN,
    USER
}
