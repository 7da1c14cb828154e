-- Catalog schema, version 5: a deleted user's id is never given to a new user. Without AUTOINCREMENT
-- SQLite numbers a new row one above the highest id present, so deleting the newest user and then
-- creating one handed out the deleted user's id again: an old link, or a retried DELETE or role
-- change, then reached somebody else. AUTOINCREMENT keeps the highest id ever used (sqlite_sequence;
-- the copy below records the highest present). SQLite cannot add AUTOINCREMENT in place, so the
-- table is rebuilt as project V3 rebuilds tasks (https://sqlite.org/lang_altertable.html): foreign
-- keys off (outside a transaction: Flyway runs this script without one, mixed=true), the copy in
-- one SAVEPOINT so a crash leaves the old table or the new one whole, then foreign_key_check.
-- api_tokens refers to users by name, so its rows keep pointing at the rebuilt table; with foreign
-- keys off, dropping the old table deletes no token. Rerunning after a crash between RELEASE and
-- Flyway's history row is harmless: it rebuilds the table from itself.
PRAGMA foreign_keys = OFF;

SAVEPOINT rebuild_users;

CREATE TABLE users_rebuilt (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NOCASE makes the UNIQUE constraint and every lookup case-insensitive: "Admin" = "admin".
    username      TEXT    NOT NULL COLLATE NOCASE UNIQUE
                          CHECK (length(username) BETWEEN 1 AND 64),
    email         TEXT,
    password_hash TEXT    NOT NULL,          -- bcrypt, modular crypt format
    role          TEXT    NOT NULL CHECK (role IN ('ADMIN', 'USER')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    display_name  TEXT    NOT NULL DEFAULT '' CHECK (length(display_name) <= 100)
);

INSERT INTO users_rebuilt (id, username, email, password_hash, role, active, created_at, updated_at, display_name)
SELECT id, username, email, password_hash, role, active, created_at, updated_at, display_name
FROM users;

DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;

-- "How many active admins are left?" guards deleting, disabling and demoting.
CREATE INDEX users_role_active ON users (role, active);

RELEASE rebuild_users;

PRAGMA foreign_keys = ON;
-- Every token still belongs to a user (the service also checks after every migration).
PRAGMA foreign_key_check;
