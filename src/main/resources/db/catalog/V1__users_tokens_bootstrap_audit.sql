-- Catalog schema, version 1: who may use the service and what the service did at boot.
-- Instants are INTEGER milliseconds since the epoch, UTC (SQLite has no timestamp type).

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    -- NOCASE makes the UNIQUE constraint and every lookup case-insensitive: "Admin" = "admin".
    username      TEXT    NOT NULL COLLATE NOCASE UNIQUE
                          CHECK (length(username) BETWEEN 1 AND 64),
    email         TEXT,
    password_hash TEXT    NOT NULL,          -- bcrypt, modular crypt format
    role          TEXT    NOT NULL CHECK (role IN ('ADMIN', 'USER')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
-- "How many active admins are left?" guards deleting, disabling and demoting.
CREATE INDEX users_role_active ON users (role, active);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT    NOT NULL UNIQUE,    -- hex SHA-256 of the token; the token itself is never stored
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_used_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
CREATE INDEX api_tokens_expires ON api_tokens (expires_at);

-- Facts the boot reconcilers keep between restarts (e.g. the fingerprint of the admin secret
-- last applied), one row per key.
CREATE TABLE bootstrap_state (
    name       TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Who changed what. No foreign key to users: the record outlives the user it mentions.
CREATE TABLE audit_events (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    actor      TEXT    NOT NULL,             -- a username, or "system" for boot work
    action     TEXT    NOT NULL,
    target     TEXT,
    detail     TEXT
);
CREATE INDEX audit_events_created ON audit_events (created_at);
CREATE INDEX audit_events_target ON audit_events (target, created_at);
