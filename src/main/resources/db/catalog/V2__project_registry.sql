-- Catalog schema, version 2: the registry of projects. Each project's workflow data lives in its
-- own file, <data-dir>/projects/<id>.db; this table says which files exist and in what state.

CREATE TABLE projects (
    id          TEXT    PRIMARY KEY CHECK (length(id) = 36),   -- a UUID, also the file's name
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description TEXT,
    status      TEXT    NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED', 'PURGED')),
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
-- Paged lists of active projects, oldest first; boot migrates every ACTIVE one.
CREATE INDEX projects_status_created ON projects (status, created_at, id);
