-- Representative rows for project schema version 5, loaded before V6 (ids of deleted rows never
-- given again) is applied: only a table and triggers are added, so every row of every table must
-- come through as it was, and deleting rows afterwards records the highest id deleted.

INSERT INTO project (id, name, description, created_by, created_at, updated_at) VALUES
    ('3f0c8a52-6b1e-4d6f-9a44-2c9e1b7d5e10', 'Ærø', 'a project; described', 'admin', 1700000010000, 1700000010000);

INSERT INTO tasks (id, title, description, phase, status, active_version_id, created_by, created_at, updated_at, priority) VALUES
    (1, 'Write the spec', 'what and why; nothing else', 'PLANNER', 'COMPLETED', 1, 'alice', 1700000011000, 1700000012000, 9),
    (2, 'Design ✓', NULL, 'ARCHITECT', 'AWAITING_APPROVAL', 3, 'bob', 1700000013000, 1700000014000, 5),
    (3, 'Build it', NULL, 'CODER', 'BLOCKED', NULL, 'carol', 1700000015000, 1700000015000, 0),
    (4, 'Dropped', '', 'REVIEW_APPROVAL', 'REJECTED', NULL, 'alice', 0, 9223372036854775807, 1),
    (10, 'Gap in ids', NULL, 'PLANNER', 'APPROVED', NULL, 'alice', 1700000015500, 1700000015500, 3);

INSERT INTO task_versions (id, task_id, number, content, author, created_at) VALUES
    (1, 1, 1, '# Spec
first version', 'alice', 1700000011000),
    (2, 2, 1, 'draft', 'bob', 1700000013000),
    (3, 2, 2, 'draft, reviewed', 'bob', 1700000014000),
    (4, 10, 1, 'ids need not be dense', 'alice', 1700000015500),
    (5, 10, 2, printf('%.*c', 100000, 'x'), 'bob ✓', 1700000015600);

INSERT INTO control_state (id, paused, max_attempts, current_task_id, updated_at) VALUES
    (1, 0, 3, 3, 1700000016000);

INSERT INTO change_requests (id, task_id, title, description, status, author, created_at, updated_at) VALUES
    (1, 2, 'Split the module', NULL, 'APPROVED', 'dave', 1700000017000, 1700000017000),
    (2, 1, 'Clarify scope', 'it''s vague', 'DRAFT', 'erin', 1700000018000, 1700000019000);

INSERT INTO approvals (id, task_id, change_request_id, approver, decision, comment, created_at) VALUES
    (1, 1, NULL, 'admin', 'APPROVED', 'fine', 1700000020000),
    (2, NULL, 1, 'admin', 'APPROVED', NULL, 1700000021000),
    (3, 4, NULL, 'admin', 'REJECTED', 'out of scope', 1700000021500);

INSERT INTO runs (id, task_id, attempt, status, started_at, finished_at, gates, summary) VALUES
    (1, 3, 1, 'TIMEOUT', 1700000022000, 1700000023000, '{"tests":"timeout"}', 'took too long'),
    (2, 3, 2, 'RUNNING', 1700000024000, NULL, NULL, NULL),
    (3, 10, 1, 'SUCCESS', 1700000024500, 1700000024600, '[]', '');

INSERT INTO artifacts (id, task_id, run_id, type, name, media_type, content, size, sha256, created_by, created_at) VALUES
    (1, 1, NULL, 'SPEC', 'spec.md', 'text/markdown', X'232053706563', 6, 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2', 'alice', 1700000025000),
    (2, 3, 1, 'LOG', 'run-1.log', 'text/plain', X'00FF7F80010A', 6, '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'runner', 1700000026000),
    (3, NULL, 2, 'OTHER', 'empty.bin', 'application/octet-stream', X'', 0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'runner', 1700000027000);
