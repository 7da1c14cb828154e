-- Representative rows for catalog schema version 4, loaded before V5 (user ids never reused) is
-- applied: users is rebuilt with AUTOINCREMENT and must keep every row, and every token must keep
-- its user (api_tokens refers to users; a rebuild with foreign keys on would delete them all).

INSERT INTO users (id, username, email, password_hash, role, active, created_at, updated_at, display_name) VALUES
    (1, 'admin', 'admin@example.org', '$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', 'ADMIN', 1, 1700000000000, 1700000000500, ''),
    (2, 'Zoë', NULL, '$2a$12$abcdefghijklmnopqrstuuOr9yFyHk5v0Y5sGxkD2rj0qvJt1TZ1a', 'USER', 0, 1700000001000, 1700000002000, 'Zoë Ø'),
    (7, 'ops', '', '$2a$12$0123456789012345678901uQ1bN2v3c4x5z6a7s8d9f0g1h2j3k4l5', 'ADMIN', 1, 0, 9223372036854775807, 'On call; "ops"');

INSERT INTO api_tokens (id, token_hash, user_id, name, created_at, expires_at, last_used_at) VALUES
    (1, 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778', 1, 'ci pipeline', 1700000003000, 1731536003000, 1700000004000),
    (2, '0000000000000000000000000000000000000000000000000000000000000000', 7, NULL, 1700000005000, 1700000006000, NULL),
    (3, '1111111111111111111111111111111111111111111111111111111111111111', 7, 'second', 1700000007000, 1700000008000, NULL);

INSERT INTO bootstrap_state (name, value, updated_at) VALUES
    ('admin-secret-fingerprint', '$2a$10$2lYl3Zii0V6njSh57cbsQe7OpWVtC9KHAeRXLKTqbb3WKRti1sEsi', 1700000000000);

INSERT INTO audit_events (id, created_at, actor, action, target, detail) VALUES
    (1, 1700000000000, 'system', 'bootstrap.admin.created', 'admin', NULL),
    (2, 1700000009000, 'admin', 'user.deleted', 'gone', NULL);

INSERT INTO projects (id, name, description, status, created_by, created_at, updated_at) VALUES
    ('3f0c8a52-6b1e-4d6f-9a44-2c9e1b7d5e10', 'Ærø', 'first; with a semicolon', 'ACTIVE', 'admin', 1700000010000, 1700000010000);
