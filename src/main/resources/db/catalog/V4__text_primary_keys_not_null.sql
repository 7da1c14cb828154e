-- Catalog schema, version 4: TEXT primary keys made NOT NULL. In SQLite only an INTEGER PRIMARY KEY
-- is implicitly NOT NULL; `projects.id` and `bootstrap_state.name` accepted NULL, which no entity
-- can represent (EntityMappingTest). SQLite cannot add NOT NULL to a column in place, so both
-- tables are rebuilt (the 12-step procedure of https://sqlite.org/lang_altertable.html): neither is
-- referenced by a foreign key nor has triggers, so the copy runs inside Flyway's transaction.
-- A row with a NULL key could only come from a hand-made write; the copy refuses it (NOT NULL
-- constraint failed) rather than dropping it, and the safety net restores the snapshot.

CREATE TABLE projects_v4 (
    id          TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 36),   -- a UUID, also the file's name
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description TEXT,
    status      TEXT    NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED', 'PURGED')),
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
INSERT INTO projects_v4 (id, name, description, status, created_by, created_at, updated_at)
    SELECT id, name, description, status, created_by, created_at, updated_at FROM projects;
DROP TABLE projects;
ALTER TABLE projects_v4 RENAME TO projects;
-- Paged lists of active projects, oldest first; boot migrates every ACTIVE one.
CREATE INDEX projects_status_created ON projects (status, created_at, id);

CREATE TABLE bootstrap_state_v4 (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
INSERT INTO bootstrap_state_v4 (name, value, updated_at) SELECT name, value, updated_at FROM bootstrap_state;
DROP TABLE bootstrap_state;
ALTER TABLE bootstrap_state_v4 RENAME TO bootstrap_state;
