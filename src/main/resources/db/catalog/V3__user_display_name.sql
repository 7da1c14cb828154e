-- Catalog schema, version 3: a display name for every user. NOT NULL with a default, so rows
-- already in place get '' and no insert that predates the column can fail.
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '' CHECK (length(display_name) <= 100);
