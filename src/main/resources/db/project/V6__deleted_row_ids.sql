-- Project schema, version 6: the id of a deleted row is never given to a new one. The service
-- numbers rows itself (ProjectRowIds), counting after a restart from the highest id in the file, so
-- deleting the newest task (or change request) and restarting handed its id out again: an old link,
-- or a retried change, then reached a different task. Each table's highest deleted id is kept here
-- by a trigger, whatever deletes the row, and the count starts above it.
CREATE TABLE deleted_row_ids (
    table_name TEXT    NOT NULL PRIMARY KEY,
    highest    INTEGER NOT NULL
);

CREATE TRIGGER tasks_deleted_row_id AFTER DELETE ON tasks
BEGIN
    INSERT INTO deleted_row_ids (table_name, highest) VALUES ('tasks', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET highest = max(highest, excluded.highest);
END;

CREATE TRIGGER task_versions_deleted_row_id AFTER DELETE ON task_versions
BEGIN
    INSERT INTO deleted_row_ids (table_name, highest) VALUES ('task_versions', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET highest = max(highest, excluded.highest);
END;

CREATE TRIGGER change_requests_deleted_row_id AFTER DELETE ON change_requests
BEGIN
    INSERT INTO deleted_row_ids (table_name, highest) VALUES ('change_requests', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET highest = max(highest, excluded.highest);
END;

CREATE TRIGGER approvals_deleted_row_id AFTER DELETE ON approvals
BEGIN
    INSERT INTO deleted_row_ids (table_name, highest) VALUES ('approvals', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET highest = max(highest, excluded.highest);
END;

CREATE TRIGGER runs_deleted_row_id AFTER DELETE ON runs
BEGIN
    INSERT INTO deleted_row_ids (table_name, highest) VALUES ('runs', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET highest = max(highest, excluded.highest);
END;

CREATE TRIGGER artifacts_deleted_row_id AFTER DELETE ON artifacts
BEGIN
    INSERT INTO deleted_row_ids (table_name, highest) VALUES ('artifacts', OLD.id)
    ON CONFLICT (table_name) DO UPDATE SET highest = max(highest, excluded.highest);
END;
