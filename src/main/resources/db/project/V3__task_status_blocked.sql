-- Project schema, version 3: a task can be BLOCKED. SQLite cannot alter a CHECK constraint, so
-- the table is rebuilt following SQLite's 12-step procedure (https://sqlite.org/lang_altertable.html):
-- foreign keys off (only possible outside a transaction: Flyway sees the PRAGMA and, with
-- mixed=true, runs this script without one), one explicit transaction for the copy so a crash
-- leaves either the old or the new table whole, then foreign_key_check. The transaction is a
-- SAVEPOINT (outside a transaction it acts as BEGIN, and its RELEASE as COMMIT) because Flyway's
-- SQLite parser reads a bare BEGIN as the start of a block. Rerunning the script after a crash
-- between RELEASE and Flyway's history row is harmless: it rebuilds the table from itself.
PRAGMA foreign_keys = OFF;

SAVEPOINT rebuild_tasks;

CREATE TABLE tasks_rebuilt (
    id                INTEGER PRIMARY KEY,
    title             TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description       TEXT,
    phase             TEXT    NOT NULL CHECK (phase IN ('PLANNER', 'ARCHITECT', 'REVIEW_APPROVAL', 'CODER')),
    status            TEXT    NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'IN_PROGRESS', 'BLOCKED',
                              'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'COMPLETED', 'CANCELLED')),
    active_version_id INTEGER REFERENCES task_versions (id) DEFERRABLE INITIALLY DEFERRED,
    created_by        TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    priority          INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 9)
);

INSERT INTO tasks_rebuilt (id, title, description, phase, status, active_version_id, created_by, created_at,
                           updated_at, priority)
SELECT id, title, description, phase, status, active_version_id, created_by, created_at, updated_at, priority
FROM tasks;

DROP TABLE tasks;
ALTER TABLE tasks_rebuilt RENAME TO tasks;

CREATE INDEX tasks_status ON tasks (status);
CREATE INDEX tasks_phase ON tasks (phase);
CREATE INDEX tasks_active_version ON tasks (active_version_id);
CREATE INDEX tasks_priority ON tasks (priority);

RELEASE rebuild_tasks;

PRAGMA foreign_keys = ON;
-- Every reference into tasks still resolves (the service also checks after every migration).
PRAGMA foreign_key_check;
