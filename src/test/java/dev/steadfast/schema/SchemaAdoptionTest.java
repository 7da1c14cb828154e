package dev.steadfast.schema;

import dev.steadfast.LogCapture;
import dev.steadfast.common.SteadfastConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Databases made without migration history are adopted at the version they match, or refused untouched. */
@QuarkusTest
class SchemaAdoptionTest {

    /** Files these tests make; JUnit deletes them afterwards. */
    @TempDir
    Path tmp;

    @Inject
    SchemaAdoption adoption;

    @Inject
    ProjectMigrator migrator;

    @Inject
    SteadfastConfig config;

    @Test
    void shouldAdoptAProjectFileMadeByRunningTheScriptsByHandAndMigrateTheRest() throws Exception {
        Path file = fileFromScripts("V1__workflow.sql", "V2__task_priority.sql");
        execute(file, "INSERT INTO tasks (id, title, phase, status, created_by, created_at, updated_at, priority) "
                + "VALUES (1, 'from before', 'CODER', 'IN_PROGRESS', 'old-tool', 0, 0, 4)");

        assertEquals("2", adoption.adoptIfNeeded(ProjectMigrator.SET, "project test", file).orElseThrow().getVersion());
        migrator.migrate(UUID.randomUUID().toString(), file);

        assertEquals("from before|4", query(file, "SELECT title || '|' || priority FROM tasks WHERE id = 1"));
        // Baselined at 2, then every later migration applied as SQL: nothing before 2 was rerun.
        assertEquals("BASELINE@2,SQL@3,SQL@4,SQL@5,SQL@6", query(file,
                "SELECT group_concat(type || '@' || version) FROM (SELECT type, version FROM flyway_schema_history ORDER BY installed_rank)"));
        assertEquals(migrator.newestKnown().getVersion(), query(file, "SELECT max(version) FROM flyway_schema_history"));
    }

    @Test
    void shouldReportAProjectFilesAdoptionInItsOwnWarningWithoutFlywaysRoutineLines() throws Exception {
        Path file = fileFromScripts("V1__workflow.sql", "V2__task_priority.sql");
        QuietFlyway console = new QuietFlyway(); // the filter of the console and file logs
        List<LogRecord> shown;
        try (LogCapture log = LogCapture.of(console::isLoggable)) {
            // A service of its own: the scratch files that describe each known version are made once per service.
            new SchemaAdoption(config).adoptIfNeeded(ProjectMigrator.SET, "project quiet", file);
            shown = List.copyOf(log.records());
        }

        List<String> flyway = shown.stream().filter(r -> String.valueOf(r.getLoggerName()).startsWith("org.flywaydb"))
                .map(LogRecord::getMessage).toList();
        assertEquals(List.of(), flyway, "neither the baseline nor the scratch files' migrations reach the log");
        assertTrue(shown.stream().anyMatch(r -> String.valueOf(r.getMessage()).contains("had no migration history")),
                "the adoption itself is logged");
    }

    @Test
    void shouldLeaveANewOrAlreadyManagedFileAlone() throws Exception {
        Path fresh = Files.createTempDirectory(tmp, "adopt").resolve("fresh.db");
        assertTrue(adoption.adoptIfNeeded(ProjectMigrator.SET, "fresh", fresh).isEmpty());
        migrator.create(UUID.randomUUID().toString(), fresh);
        assertTrue(adoption.adoptIfNeeded(ProjectMigrator.SET, "managed", fresh).isEmpty());
    }

    @Test
    void shouldRefuseASchemaThatMatchesNoVersionAndLeaveTheFileUnchanged() throws Exception {
        Path file = fileFromScripts("V1__workflow.sql");
        execute(file, "ALTER TABLE tasks ADD COLUMN colour TEXT");
        String before = sha256(file);

        var error = assertThrows(SchemaMismatchException.class,
                () -> adoption.adoptIfNeeded(ProjectMigrator.SET, "project odd", file));

        assertTrue(error.getMessage().contains("Closest is version 1"), error.getMessage());
        assertTrue(error.getMessage().contains("tasks: unexpected column colour TEXT"), error.getMessage());
        assertEquals(before, sha256(file), "the file is byte-for-byte unchanged");
    }

    // ---- differences SQLite's table pragmas do not show -----------------------------------------------
    // Each file below is an exact copy of what the migrations make, history dropped, that differs from
    // it in one respect only; each must be refused, named and left with every row it holds.

    @Test
    void shouldAdoptAnExactCopyMadeByTheMigrationsThemselvesAtTheNewestVersion() throws Exception {
        Path file = migratedFileWithoutHistory();
        String rows = rowCounts(file);

        assertEquals(migrator.newestKnown().getVersion(),
                adoption.adoptIfNeeded(ProjectMigrator.SET, "project copy", file).orElseThrow().getVersion());
        assertEquals(0, migrator.migrate(UUID.randomUUID().toString(), file));

        assertEquals("BASELINE@" + migrator.newestKnown().getVersion(), query(file,
                "SELECT group_concat(type || '@' || version) FROM flyway_schema_history"));
        assertEquals(rows, rowCounts(file));
    }

    @Test
    void shouldAdoptACatalogWrittenByHandInAnotherStyleWithItsCollationReadTheSameWay() throws Exception {
        // Our own COLLATE NOCASE, written in another case, order and quoting, comments stripped: the same schema.
        Path file = fileFromScripts(CatalogFlywayCustomizer.SET, Map.of(
                        "username      TEXT    NOT NULL COLLATE NOCASE UNIQUE",
                        "\"username\" text unique collate \"nocase\" not null"),
                "V1__users_tokens_bootstrap_audit.sql", "V2__project_registry.sql", "V3__user_display_name.sql",
                "V4__text_primary_keys_not_null.sql");
        assertTrue(query(file, "SELECT sql FROM sqlite_master WHERE name = 'users'").contains("collate \"nocase\""));

        assertEquals("4", adoption.adoptIfNeeded(CatalogFlywayCustomizer.SET, "catalog by hand", file)
                .orElseThrow().getVersion());
    }

    @Test
    void shouldRefuseAColumnWithAnotherCollation() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "project", "name(\\s+)TEXT(\\s+)NOT NULL,", "name$1TEXT$2NOT NULL COLLATE NOCASE,");

        assertRefusedAndUnchanged(file,
                "project: missing column name TEXT NOT NULL",
                "project: unexpected column name TEXT NOT NULL COLLATE NOCASE");
    }

    @Test
    void shouldRefuseAForeignKeyThatIsNotDeferred() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "tasks", " DEFERRABLE INITIALLY DEFERRED", "");

        assertRefusedAndUnchanged(file,
                "tasks: missing foreign key active_version_id -> task_versions(id) DEFERRABLE INITIALLY DEFERRED",
                "tasks: unexpected foreign key active_version_id -> task_versions(id)");
    }

    @Test
    void shouldRefuseAForeignKeyThatIsDeferred() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "control_state", "REFERENCES tasks \\(id\\)", "REFERENCES tasks (id) DEFERRABLE INITIALLY DEFERRED");

        assertRefusedAndUnchanged(file,
                "control_state: unexpected foreign key current_task_id -> tasks(id) DEFERRABLE INITIALLY DEFERRED");
    }

    @Test
    void shouldRefuseAForeignKeyWithAnOnUpdateAction() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "change_requests", "REFERENCES tasks \\(id\\)", "REFERENCES tasks (id) ON UPDATE CASCADE");

        assertRefusedAndUnchanged(file,
                "change_requests: missing foreign key task_id -> tasks(id)",
                "change_requests: unexpected foreign key task_id -> tasks(id) ON UPDATE CASCADE");
    }

    @Test
    void shouldRefuseAPartialIndex() throws Exception {
        Path file = migratedFileWithoutHistory();
        execute(file, "DROP INDEX tasks_priority",
                "CREATE INDEX tasks_priority ON tasks (priority) WHERE priority > 0");

        assertRefusedAndUnchanged(file,
                "tasks: missing index tasks_priority (priority)",
                "tasks: unexpected index tasks_priority (priority) WHERE PRIORITY > 0");
    }

    @Test
    void shouldRefuseAnIndexWithAnotherCollationOrOrder() throws Exception {
        Path file = migratedFileWithoutHistory();
        execute(file, "DROP INDEX tasks_status", "CREATE INDEX tasks_status ON tasks (status COLLATE NOCASE DESC)");

        assertRefusedAndUnchanged(file,
                "tasks: missing index tasks_status (status)",
                "tasks: unexpected index tasks_status (status COLLATE NOCASE DESC)");
    }

    @Test
    void shouldRefuseAnExpressionIndexNamingItsExpressionAndTellExpressionsApart() throws Exception {
        Path file = migratedFileWithoutHistory();
        execute(file, "DROP INDEX tasks_phase", "CREATE INDEX tasks_phase ON tasks (lower(phase))");

        assertRefusedAndUnchanged(file,
                "tasks: missing index tasks_phase (phase)",
                "tasks: unexpected index tasks_phase (LOWER (PHASE))");

        // SQLite's index pragmas name no expression: two different ones must still differ.
        Path other = migratedFileWithoutHistory();
        execute(other, "DROP INDEX tasks_phase", "CREATE INDEX tasks_phase ON tasks (upper(phase))");
        assertNotEquals(describe(file), describe(other));
        Path same = migratedFileWithoutHistory();
        execute(same, "DROP INDEX tasks_phase", "CREATE INDEX \"tasks_phase\" ON tasks(  LOWER ( \"phase\" ) )");
        assertEquals(describe(file), describe(same), "formatting, case and quoting do not count");
    }

    @Test
    void shouldRefuseAnExtraTrigger() throws Exception {
        Path file = migratedFileWithoutHistory();
        execute(file, "CREATE TRIGGER runs_prune AFTER INSERT ON runs BEGIN "
                + "DELETE FROM runs WHERE finished_at IS NOT NULL AND id <> NEW.id; END");

        assertRefusedAndUnchanged(file, "trigger runs_prune is not expected");
    }

    @Test
    void shouldRefuseAnExtraView() throws Exception {
        Path file = migratedFileWithoutHistory();
        execute(file, "CREATE VIEW open_tasks AS SELECT id, title FROM tasks WHERE status <> 'COMPLETED'");

        assertRefusedAndUnchanged(file, "view open_tasks is not expected");
    }

    @Test
    void shouldTellTriggersAndViewsApartByWhatTheyDoNotByHowTheyAreWritten() throws Exception {
        Path a = migratedFileWithoutHistory();
        Path b = migratedFileWithoutHistory();
        Path c = migratedFileWithoutHistory();
        execute(a, "CREATE VIEW open_tasks AS SELECT id FROM tasks WHERE status <> 'COMPLETED'");
        execute(b, "create view if not exists \"open_tasks\" as\n  select ID from TASKS -- open ones\n  where STATUS <> 'COMPLETED'");
        execute(c, "CREATE VIEW open_tasks AS SELECT id FROM tasks WHERE status <> 'completed'");

        assertEquals(describe(a), describe(b));
        assertNotEquals(describe(a), describe(c));
        assertTrue(describe(a).differencesFrom(describe(c)).stream().anyMatch(d -> d.startsWith("view open_tasks differs")),
                describe(a).differencesFrom(describe(c)).toString());
    }

    @Test
    void shouldRefuseAUniqueOrPrimaryKeyThatReplacesRowsOnConflict() throws Exception {
        // ON CONFLICT REPLACE deletes the row already there instead of refusing the new one.
        Path unique = migratedFileWithoutHistory();
        rebuild(unique, "runs", "UNIQUE \\(task_id, attempt\\)", "UNIQUE (task_id, attempt) ON CONFLICT REPLACE");

        assertRefusedAndUnchanged(unique,
                "runs: missing unique index (task_id, attempt)",
                "runs: unexpected unique index (task_id, attempt) ON CONFLICT REPLACE");

        Path primaryKey = migratedFileWithoutHistory();
        rebuild(primaryKey, "tasks", "id(\\s+)INTEGER PRIMARY KEY,", "id$1INTEGER PRIMARY KEY ON CONFLICT REPLACE,");

        assertRefusedAndUnchanged(primaryKey,
                "tasks: missing column id INTEGER PRIMARY KEY",
                "tasks: unexpected column id INTEGER PRIMARY KEY ON CONFLICT REPLACE");
    }

    @Test
    void shouldRefuseANotNullOrCheckWithAnotherConflictResolution() throws Exception {
        Path notNull = migratedFileWithoutHistory();
        rebuild(notNull, "project", "name(\\s+)TEXT(\\s+)NOT NULL,", "name$1TEXT$2NOT NULL ON CONFLICT IGNORE,");

        assertRefusedAndUnchanged(notNull,
                "project: missing column name TEXT NOT NULL",
                "project: unexpected column name TEXT NOT NULL ON CONFLICT IGNORE");

        Path check = migratedFileWithoutHistory();
        rebuild(check, "approvals", "IS NULL\\)\\)", "IS NULL)) ON CONFLICT FAIL");

        assertRefusedAndUnchanged(check,
                "approvals: missing check (TASK_ID IS NULL) <> (CHANGE_REQUEST_ID IS NULL)",
                "approvals: unexpected check (TASK_ID IS NULL) <> (CHANGE_REQUEST_ID IS NULL) ON CONFLICT FAIL");

        // ABORT is what SQLite does when no resolution is written: the same constraint.
        Path abort = migratedFileWithoutHistory();
        rebuild(abort, "project", "name(\\s+)TEXT(\\s+)NOT NULL,", "name$1TEXT$2NOT NULL ON CONFLICT ABORT,");
        assertEquals(describe(migratedFileWithoutHistory()), describe(abort));
    }

    @Test
    void shouldRefuseAnAutoincrementKey() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "runs", "id(\\s+)INTEGER PRIMARY KEY,", "id$1INTEGER PRIMARY KEY AUTOINCREMENT,");

        assertRefusedAndUnchanged(file,
                "runs: missing column id INTEGER PRIMARY KEY",
                "runs: unexpected column id INTEGER PRIMARY KEY AUTOINCREMENT");
    }

    @Test
    void shouldRefuseAWithoutRowidTable() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "project", "\\)$", ") WITHOUT ROWID");

        assertRefusedAndUnchanged(file, "project: unexpected table option WITHOUT ROWID");
    }

    @Test
    void shouldRefuseAStrictTable() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "change_requests", "\\)$", ") STRICT");

        assertRefusedAndUnchanged(file, "change_requests: unexpected table option STRICT");
    }

    @Test
    void shouldRefuseAGeneratedColumnThatTableInfoHides() throws Exception {
        Path file = migratedFileWithoutHistory();
        execute(file, "ALTER TABLE tasks ADD COLUMN title_key TEXT GENERATED ALWAYS AS (lower(title)) VIRTUAL");

        assertRefusedAndUnchanged(file, "tasks: unexpected column title_key TEXT GENERATED ALWAYS AS (LOWER (TITLE)) VIRTUAL");
    }

    @Test
    void shouldRefuseACheckWhoseStringLiteralDiffersInCase() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "tasks", "'ARCHITECT'", "'architect'");

        assertRefusedAndUnchanged(file,
                "tasks: missing check PHASE IN ('PLANNER', 'ARCHITECT', 'REVIEW_APPROVAL', 'CODER')",
                "tasks: unexpected check PHASE IN ('PLANNER', 'architect', 'REVIEW_APPROVAL', 'CODER')");
    }

    @Test
    void shouldAdoptACheckWrittenWithACommentAnotherLayoutAndKeywordCase() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "tasks", "CHECK \\(length\\(title\\) BETWEEN 1 AND 200\\)",
                "check ( LENGTH( \"title\" )\n between 1 /* at least one character */ and 200 -- at most 200\n)");
        String rows = rowCounts(file);

        assertEquals(migrator.newestKnown().getVersion(),
                adoption.adoptIfNeeded(ProjectMigrator.SET, "project check", file).orElseThrow().getVersion());
        assertEquals(rows, rowCounts(file));
    }

    @Test
    void shouldRefuseACompositeForeignKeyNamingItAsOneKey() throws Exception {
        Path file = migratedFileWithoutHistory();
        rebuild(file, "runs", "(?s) REFERENCES tasks \\(id\\),(.*)UNIQUE \\(task_id, attempt\\)",
                ",$1UNIQUE (task_id, attempt), FOREIGN KEY (task_id, attempt) REFERENCES task_versions (task_id, number)");

        assertRefusedAndUnchanged(file,
                "runs: missing foreign key task_id -> tasks(id)",
                "runs: unexpected foreign key (task_id, attempt) -> task_versions(task_id, number)");

        // One key over two columns (a pair must match a parent row) is not two keys over one column each.
        String parent = "CREATE TABLE p (x, y, UNIQUE (x, y))";
        Path composite = fileWith(parent, "CREATE TABLE c (a, b, FOREIGN KEY (a, b) REFERENCES p (x, y))");
        Path pairs = fileWith(parent, "CREATE TABLE c (a REFERENCES p (x), b REFERENCES p (y))");
        assertNotEquals(describe(composite), describe(pairs));
        assertEquals(List.of("c: missing foreign key (a, b) -> p(x, y)", "c: unexpected foreign key a -> p(x)",
                "c: unexpected foreign key b -> p(y)"), describe(pairs).differencesFrom(describe(composite)));
    }

    /** A project file as the migrations make it, holding a few rows, with its history dropped. */
    private Path migratedFileWithoutHistory() throws Exception {
        Path file = Files.createTempDirectory(tmp, "adopt").resolve("project.db");
        migrator.create(UUID.randomUUID().toString(), file);
        execute(file,
                "INSERT INTO project (id, name, created_by, created_at, updated_at) "
                        + "VALUES ('" + UUID.randomUUID() + "', 'Old', 'old-tool', 0, 0)",
                "INSERT INTO tasks (id, title, phase, status, created_by, created_at, updated_at, priority) "
                        + "VALUES (1, 'first', 'CODER', 'IN_PROGRESS', 'old-tool', 0, 0, 4)",
                "INSERT INTO tasks (id, title, phase, created_by, created_at, updated_at) "
                        + "VALUES (2, 'second', 'PLANNER', 'old-tool', 0, 0)",
                "INSERT INTO task_versions (id, task_id, number, content, author, created_at) VALUES (1, 1, 1, 'v1', 'old-tool', 0)",
                "UPDATE tasks SET active_version_id = 1 WHERE id = 1",
                "INSERT INTO control_state (id, current_task_id, updated_at) VALUES (1, 1, 0)",
                "INSERT INTO change_requests (task_id, title, author, created_at, updated_at) VALUES (1, 'cr', 'old-tool', 0, 0)",
                "INSERT INTO runs (task_id, attempt, started_at, finished_at) VALUES (1, 1, 0, 1)",
                "DROP TABLE flyway_schema_history");
        return file;
    }

    /** A new file holding only what {@code sql} creates. */
    private Path fileWith(String... sql) throws Exception {
        Path file = Files.createTempDirectory(tmp, "adopt").resolve("other.db");
        execute(file, sql);
        return file;
    }

    /**
     * Rebuilds {@code table} with its CREATE statement edited (SQLite's 12-step procedure), keeping its
     * rows, indexes and triggers: the way another tool would have made the table differently.
     */
    private static void rebuild(Path file, String table, String regex, String replacement) throws Exception {
        String sql = query(file, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'");
        String edited = sql.replaceFirst(regex, replacement);
        assertNotEquals(sql, edited, "the edit applies to " + sql);
        edited = edited.replaceFirst("^CREATE TABLE \"?" + table + "\"?", "CREATE TABLE " + table + "_rebuilt");
        List<String> indexesAndTriggers;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
                     + "AND tbl_name = '" + table + "'")) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            indexesAndTriggers = found;
        }
        List<String> statements = new ArrayList<>(List.of("PRAGMA foreign_keys = OFF", "BEGIN", edited,
                "INSERT INTO " + table + "_rebuilt SELECT * FROM " + table, "DROP TABLE " + table,
                "ALTER TABLE " + table + "_rebuilt RENAME TO " + table));
        statements.addAll(indexesAndTriggers);
        statements.add("COMMIT");
        execute(file, statements.toArray(String[]::new));
        assertEquals(null, query(file, "SELECT group_concat(\"table\") FROM pragma_foreign_key_check"));
    }

    /** The file is refused at the closest version, 4, naming each difference, and keeps every byte and row. */
    private void assertRefusedAndUnchanged(Path file, String... differences) throws Exception {
        String before = sha256(file);
        String rows = rowCounts(file);

        var error = assertThrows(SchemaMismatchException.class,
                () -> adoption.adoptIfNeeded(ProjectMigrator.SET, "project odd", file));

        assertTrue(error.getMessage().contains("Closest is version " + migrator.newestKnown().getVersion()), error.getMessage());
        for (String difference : differences) {
            assertTrue(error.getMessage().contains(difference), difference + " is not named in: " + error.getMessage());
        }
        assertEquals(before, sha256(file), "the file is byte-for-byte unchanged");
        assertEquals(rows, rowCounts(file));
        assertEquals("project=1 tasks=2 task_versions=1 control_state=1 change_requests=1 runs=1", rows);
    }

    private static String rowCounts(Path file) throws Exception {
        return query(file, "SELECT 'project=' || (SELECT count(*) FROM project) || ' tasks=' || (SELECT count(*) FROM tasks)"
                + " || ' task_versions=' || (SELECT count(*) FROM task_versions)"
                + " || ' control_state=' || (SELECT count(*) FROM control_state)"
                + " || ' change_requests=' || (SELECT count(*) FROM change_requests)"
                + " || ' runs=' || (SELECT count(*) FROM runs)");
    }

    private static SchemaDescription describe(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection(MigrationSets.readOnlyUrl(file))) {
            return SchemaDescription.of(c, SchemaAdoption.HISTORY);
        }
    }

    private Path fileFromScripts(String... scripts) throws Exception {
        return fileFromScripts(ProjectMigrator.SET, Map.of(), scripts);
    }

    /** A file made by running a set's scripts by hand, comments stripped, each {@code edits} key replaced by its value. */
    private Path fileFromScripts(String set, Map<String, String> edits, String... scripts) throws Exception {
        Path file = Files.createTempDirectory(tmp, "adopt").resolve(set + ".db");
        Set<String> applied = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String script : scripts) {
                String sql = Files.readString(Path.of("src/main/resources/db/" + set, script)).replaceAll("(?m)--.*$", "");
                for (Map.Entry<String, String> edit : edits.entrySet()) {
                    if (sql.contains(edit.getKey())) {
                        sql = sql.replace(edit.getKey(), edit.getValue());
                        applied.add(edit.getKey());
                    }
                }
                for (String statement : sql.split(";")) {
                    if (!statement.isBlank()) {
                        s.executeUpdate(statement);
                    }
                }
            }
        }
        assertEquals(edits.keySet(), applied, "every edit applies to a script");
        return file;
    }

    private static void execute(Path file, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static String query(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rows = c.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
