-- Project schema, version 2: tasks get a priority. NOT NULL with a default: existing tasks are 0.
ALTER TABLE tasks ADD COLUMN priority INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 9);
CREATE INDEX tasks_priority ON tasks (priority);
