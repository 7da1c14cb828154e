-- Representative rows for catalog schema version 2, loaded before V3 (users.display_name) is applied.
-- Loaded by MigrationHarnessTest in one transaction with foreign_keys=ON. Every table of schema 2
-- gets rows; V3 must give each existing user display_name = '' and change nothing else.

INSERT INTO users (id, username, email, password_hash, role, active, created_at, updated_at) VALUES
    (1, 'admin', 'admin@example.org', '$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', 'ADMIN', 1, 1700000000000, 1700000000500),
    (2, 'Zoë', NULL, '$2a$12$abcdefghijklmnopqrstuuOr9yFyHk5v0Y5sGxkD2rj0qvJt1TZ1a', 'USER', 0, 1700000001000, 1700000002000),
    (7, 'ops', '', '$2a$12$0123456789012345678901uQ1bN2v3c4x5z6a7s8d9f0g1h2j3k4l5', 'ADMIN', 1, 0, 9223372036854775807);

INSERT INTO api_tokens (id, token_hash, user_id, name, created_at, expires_at, last_used_at) VALUES
    (1, 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778', 1, 'ci pipeline', 1700000003000, 1731536003000, 1700000004000),
    (2, '0000000000000000000000000000000000000000000000000000000000000000', 7, NULL, 1700000005000, 1700000006000, NULL);

INSERT INTO bootstrap_state (name, value, updated_at) VALUES
    ('admin-secret-fingerprint', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 1700000000000);

INSERT INTO audit_events (id, created_at, actor, action, target, detail) VALUES
    (1, 1700000000000, 'system', 'bootstrap.admin.created', 'user:admin', NULL),
    (2, 1700000001000, 'admin', 'project.created', 'project:3f0c8a52-6b1e-4d6f-9a44-2c9e1b7d5e10', '{"name":"Ærø"}');

INSERT INTO projects (id, name, description, status, created_by, created_at, updated_at) VALUES
    ('3f0c8a52-6b1e-4d6f-9a44-2c9e1b7d5e10', 'Ærø', 'first; with a semicolon', 'ACTIVE', 'admin', 1700000010000, 1700000010000),
    ('b7e2d9c4-1a3f-4e8b-8c5d-0f9a6b2c4d71', 'Archived one', NULL, 'ARCHIVED', 'admin', 1700000020000, 1700000030000),
    ('00000000-0000-4000-8000-000000000000', 'x', '', 'PURGED', 'Zoë', 0, 1);
