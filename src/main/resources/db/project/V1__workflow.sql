-- Project file schema, version 1: one SQLite file per project holds its whole workflow.
-- Instants are INTEGER milliseconds since the epoch, UTC. Every enum is a CHECK, every reference
-- a foreign key (the service turns foreign_keys on for every connection), every foreign key and
-- every status column used in a query is indexed.

-- The file describes itself: with this row a lost catalog can be rebuilt by scanning projects/.
CREATE TABLE project (
    id          TEXT    PRIMARY KEY CHECK (length(id) = 36),
    name        TEXT    NOT NULL,
    description TEXT,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE tasks (
    id                INTEGER PRIMARY KEY,
    title             TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description       TEXT,
    phase             TEXT    NOT NULL CHECK (phase IN ('PLANNER', 'ARCHITECT', 'REVIEW_APPROVAL', 'CODER')),
    status            TEXT    NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'IN_PROGRESS',
                              'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'COMPLETED', 'CANCELLED')),
    -- Points at the version in force; DEFERRABLE because a task and its first version are
    -- inserted in one transaction, each referring to the other.
    active_version_id INTEGER REFERENCES task_versions (id) DEFERRABLE INITIALLY DEFERRED,
    created_by        TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX tasks_status ON tasks (status);
CREATE INDEX tasks_phase ON tasks (phase);
CREATE INDEX tasks_active_version ON tasks (active_version_id);

CREATE TABLE task_versions (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER NOT NULL REFERENCES tasks (id),
    number     INTEGER NOT NULL CHECK (number >= 1),
    content    TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (task_id, number)          -- also the index for "versions of a task"
);

-- One row: how the project's runs are governed.
CREATE TABLE control_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    paused          INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    max_attempts    INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    current_task_id INTEGER REFERENCES tasks (id),
    updated_at      INTEGER NOT NULL
);
CREATE INDEX control_state_current_task ON control_state (current_task_id);

CREATE TABLE change_requests (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks (id),
    title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT,
    status      TEXT    NOT NULL DEFAULT 'DRAFT'
                        CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'IMPLEMENTED')),
    author      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX change_requests_task ON change_requests (task_id);
CREATE INDEX change_requests_status ON change_requests (status);

-- Decisions are recorded once and never edited or deleted.
CREATE TABLE approvals (
    id                INTEGER PRIMARY KEY,
    task_id           INTEGER REFERENCES tasks (id),
    change_request_id INTEGER REFERENCES change_requests (id),
    approver          TEXT    NOT NULL,
    decision          TEXT    NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED')),
    comment           TEXT,
    created_at        INTEGER NOT NULL,
    CHECK ((task_id IS NULL) <> (change_request_id IS NULL))   -- exactly one subject
);
CREATE INDEX approvals_task ON approvals (task_id);
CREATE INDEX approvals_change_request ON approvals (change_request_id);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks (id),
    attempt     INTEGER NOT NULL CHECK (attempt >= 1),
    status      TEXT    NOT NULL DEFAULT 'RUNNING'
                        CHECK (status IN ('RUNNING', 'SUCCESS', 'FAILURE', 'TIMEOUT', 'CANCELLED')),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    gates       TEXT CHECK (gates IS NULL OR json_valid(gates)),   -- JSON text
    summary     TEXT,
    UNIQUE (task_id, attempt)         -- also the index for "runs of a task"
);
CREATE INDEX runs_status ON runs (status, started_at);

CREATE TABLE artifacts (
    id         INTEGER PRIMARY KEY,
    task_id    INTEGER REFERENCES tasks (id),
    run_id     INTEGER REFERENCES runs (id),
    type       TEXT    NOT NULL CHECK (type IN ('SPEC', 'PLAN', 'ARCHITECTURE', 'ADR', 'TRANSCRIPT', 'DIFF', 'LOG', 'OTHER')),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    media_type TEXT    NOT NULL,
    content    BLOB    NOT NULL,
    size       INTEGER NOT NULL CHECK (size >= 0),
    sha256     TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX artifacts_task ON artifacts (task_id);
CREATE INDEX artifacts_run ON artifacts (run_id);
CREATE INDEX artifacts_type ON artifacts (type);
