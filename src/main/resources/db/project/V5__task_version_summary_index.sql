-- Project schema, version 5: the versions list is read from an index alone. A version's content (up
-- to a million characters) sits in the row before its author and creation time, so reading those two
-- from the table walks the content's whole overflow chain: about 15 ms per page of fifty 1 MB
-- versions. This index holds every column the list needs (the row id comes with it), so SQLite never
-- opens the rows: under 0.1 ms for the same page. Only an index is added; no row changes.
CREATE INDEX task_versions_summary ON task_versions (task_id, number, author, created_at);
