-- The reference's only table: about the shape of a Steadfast task row (text columns, an instant).
CREATE TABLE items (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    content    TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
