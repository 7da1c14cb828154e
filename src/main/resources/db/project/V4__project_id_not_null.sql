-- Project schema, version 4: project.id made NOT NULL. In SQLite only an INTEGER PRIMARY KEY is
-- implicitly NOT NULL, so the file's own row could have held a NULL id, which the entity cannot
-- represent (EntityMappingTest). SQLite cannot add NOT NULL in place: the one-row table is rebuilt
-- (12-step procedure, https://sqlite.org/lang_altertable.html). Nothing references it and it has
-- no triggers or indexes beyond its key, so the copy runs inside Flyway's transaction; a NULL id
-- fails the copy (and the safety net restores the snapshot) instead of being dropped.

CREATE TABLE project_v4 (
    id          TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 36),
    name        TEXT    NOT NULL,
    description TEXT,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
INSERT INTO project_v4 (id, name, description, created_by, created_at, updated_at)
    SELECT id, name, description, created_by, created_at, updated_at FROM project;
DROP TABLE project;
ALTER TABLE project_v4 RENAME TO project;
