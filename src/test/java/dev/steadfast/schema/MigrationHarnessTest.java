package dev.steadfast.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every migration of every set, tried on data. For migration n of a set: a fresh SQLite file is
 * migrated to n−1 with Flyway, the rows of {@code src/test/resources/migration-fixtures/<set>/V<n>-before.sql}
 * are inserted (one transaction, foreign keys on, so the fixture itself must be valid), every row
 * of every table is remembered, n is applied, and then:
 * <ul>
 *   <li>every row that existed is still there, with the same value and storage class in every
 *       column that existed before (rows are matched by primary key);</li>
 *   <li>every index, UNIQUE constraint and foreign key that existed before still exists;</li>
 *   <li>{@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} are clean;</li>
 *   <li>the version-specific expectations below ({@link #expectBefore}, {@link #expectAfter}) hold.</li>
 * </ul>
 * Migrations are discovered from {@code src/main/resources/db/<set>/V*.sql}: a new migration is
 * covered without touching this class, and fails until its fixture exists. Plain JUnit, no Quarkus:
 * it runs in about a second.
 */
class MigrationHarnessTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db");
    private static final Path FIXTURES = Path.of("src/test/resources/migration-fixtures");
    private static final String HISTORY = "flyway_schema_history";

    @TempDir
    Path dir;

    /** One migration file of one set, with the version before it (null for the set's first migration). */
    record Migration(String set, String file, MigrationVersion version, MigrationVersion previous) {

        Path fixture() {
            return FIXTURES.resolve(set).resolve("V" + version.getVersion() + "-before.sql");
        }

        String key() {
            return set + " V" + version.getVersion();
        }

        @Override
        public String toString() {
            return set + "/" + file;
        }
    }

    @TestFactory
    Stream<DynamicNode> everyMigrationKeepsEveryRowOfEveryTable() throws IOException {
        List<String> sets = sets();
        assertTrue(sets.containsAll(List.of("catalog", "project")), "migration sets found under " + MIGRATIONS + ": " + sets);
        List<DynamicNode> nodes = new ArrayList<>();
        for (String set : sets) {
            nodes.add(DynamicContainer.dynamicContainer(set, migrations(set).stream()
                    .map(migration -> dynamicTest(migration.file(), () -> check(migration)))));
        }
        return nodes.stream();
    }

    @Test
    void everyFixtureBelongsToAMigration() throws IOException {
        List<String> stale = new ArrayList<>();
        for (String set : sets()) {
            Set<Path> expected = migrations(set).stream().map(Migration::fixture).collect(Collectors.toSet());
            Path fixtures = FIXTURES.resolve(set);
            if (Files.isDirectory(fixtures)) {
                try (Stream<Path> files = Files.list(fixtures)) {
                    files.filter(file -> !expected.contains(file)).forEach(file -> stale.add(file.toString()));
                }
            }
        }
        assertEquals(List.of(), stale, "fixtures that match no migration (renamed or removed migration? a typo?)");
    }

    // ---- version-specific expectations, keyed by set and version -----------------------------------

    /** Checks on the database at n−1, with the fixture loaded, just before n is applied. */
    private void expectBefore(Migration migration, Connection db) throws SQLException {
        switch (migration.key()) {
            case "project V3" -> projectV3_blockedIsRejectedBefore(db);
            default -> { }
        }
    }

    /** Checks on the database just after n was applied; {@code before} holds every row as it was. */
    private void expectAfter(Migration migration, Connection db, Snapshot before) throws SQLException {
        switch (migration.key()) {
            case "catalog V3" -> catalogV3_existingUsersGetAnEmptyDisplayName(db, before);
            case "catalog V5" -> catalogV5_aDeletedUsersIdIsNeverGivenAgain(db, before);
            case "project V2" -> projectV2_existingTasksGetPriorityZero(db, before);
            case "project V3" -> projectV3_blockedIsAcceptedAndEveryReferenceAndIndexOfTasksSurvives(db, before);
            case "project V5" -> projectV5_theVersionsListIsReadFromAnIndexAlone(db);
            case "project V6" -> projectV6_everyDeletionKeepsTheHighestIdItRemoved(db, before);
            default -> { } // the generic checks cover it
        }
    }

    private void catalogV5_aDeletedUsersIdIsNeverGivenAgain(Connection db, Snapshot before) throws SQLException {
        long newest = before.ids("users").stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(before.ids("api_tokens").size(), Integer.parseInt(value(db, "SELECT count(*) FROM api_tokens")),
                "catalog V5: the rebuild of users deletes no token");
        try (Statement statement = db.createStatement()) {
            statement.execute("PRAGMA foreign_keys = ON");
            statement.executeUpdate("DELETE FROM users WHERE id = " + newest);
            assertEquals("0", value(db, "SELECT count(*) FROM api_tokens WHERE user_id = " + newest),
                    "catalog V5: a user's tokens still go with them");
            statement.executeUpdate("INSERT INTO users (username, password_hash, role, created_at, updated_at)"
                    + " VALUES ('newcomer', 'x', 'USER', 0, 0)");
        }
        assertEquals(String.valueOf(newest + 1), value(db, "SELECT id FROM users WHERE username = 'newcomer'"),
                "catalog V5: the deleted newest user's id " + newest + " is not given again");
    }

    private void catalogV3_existingUsersGetAnEmptyDisplayName(Connection db, Snapshot before) throws SQLException {
        List<Long> ids = before.ids("users");
        assertTrue(!ids.isEmpty(), "the catalog V3 fixture must hold users");
        for (long id : ids) {
            assertEquals("text:", value(db, "SELECT typeof(display_name) || ':' || display_name FROM users WHERE id = " + id),
                    "catalog V3: user " + id + " (existing before V3) must get display_name = ''");
        }
    }

    private void projectV2_existingTasksGetPriorityZero(Connection db, Snapshot before) throws SQLException {
        List<Long> ids = before.ids("tasks");
        assertTrue(!ids.isEmpty(), "the project V2 fixture must hold tasks");
        for (long id : ids) {
            assertEquals("integer:0", value(db, "SELECT typeof(priority) || ':' || priority FROM tasks WHERE id = " + id),
                    "project V2: task " + id + " (existing before V2) must get priority = 0");
        }
        assertEquals(List.of("priority"), indexColumns(db, "tasks", "tasks_priority"), "project V2: index tasks_priority");
    }

    private static final String BLOCKED_TASK = "INSERT INTO tasks (id, title, phase, status, created_by, created_at, updated_at) "
            + "VALUES ((SELECT max(id) + 1 FROM tasks), 'blocked by something', 'CODER', 'BLOCKED', 'harness', 0, 0)";

    private void projectV3_blockedIsRejectedBefore(Connection db) throws SQLException {
        SQLException rejected = assertThrows(SQLException.class, () -> inRolledBackTransaction(db, BLOCKED_TASK),
                "project V2 schema must reject status BLOCKED, or the V3 expectation proves nothing");
        assertTrue(rejected.getMessage().contains("CHECK"), rejected.getMessage());
    }

    private void projectV3_blockedIsAcceptedAndEveryReferenceAndIndexOfTasksSurvives(Connection db, Snapshot before)
            throws SQLException {
        try {
            inRolledBackTransaction(db, BLOCKED_TASK);
        } catch (SQLException e) {
            fail("project V3: a task with status BLOCKED must now be accepted, got: " + e.getMessage(), e);
        }

        // (child table, column) pairs that reference tasks(id): each must still be declared, used by
        // the fixture (or this proves nothing), and resolve for every row.
        Map<String, String> references = new LinkedHashMap<>();
        references.put("task_versions", "task_id");
        references.put("runs", "task_id");
        references.put("change_requests", "task_id");
        references.put("approvals", "task_id");
        references.put("artifacts", "task_id");
        references.put("control_state", "current_task_id");
        for (Map.Entry<String, String> reference : references.entrySet()) {
            String child = reference.getKey();
            String column = reference.getValue();
            assertEquals("1", value(db, "SELECT count(*) FROM pragma_foreign_key_list('" + child + "') "
                            + "WHERE \"from\" = '" + column + "' AND \"table\" = 'tasks' AND \"to\" = 'id'"),
                    "project V3: " + child + "." + column + " must still be a foreign key to tasks(id)");
            long used = Long.parseLong(value(db, "SELECT count(*) FROM " + child + " WHERE " + column + " IS NOT NULL"));
            assertTrue(used > 0, "the project V3 fixture must reference tasks from " + child + "." + column);
            assertEquals("0", value(db, "SELECT count(*) FROM " + child + " c WHERE c." + column + " IS NOT NULL "
                            + "AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = c." + column + ")"),
                    "project V3: every " + child + "." + column + " must still resolve to a task");
        }
        // ... and foreign keys are still enforced against the new table.
        SQLException dangling = assertThrows(SQLException.class, () -> inRolledBackTransaction(db,
                        "INSERT INTO runs (task_id, attempt, started_at) VALUES ((SELECT max(id) + 100 FROM tasks), 1, 0)"),
                "project V3: a run for a task that does not exist must be refused");
        assertTrue(dangling.getMessage().contains("FOREIGN KEY"), dangling.getMessage());

        // tasks' own reference to its active version stays, and stays deferrable (a task and its
        // first version are inserted in one transaction).
        assertEquals("1", value(db, "SELECT count(*) FROM pragma_foreign_key_list('tasks') "
                + "WHERE \"from\" = 'active_version_id' AND \"table\" = 'task_versions' AND \"to\" = 'id'"),
                "project V3: tasks.active_version_id must still be a foreign key to task_versions(id)");
        String sql = value(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'tasks'");
        assertTrue(sql.replaceAll("\\s+", " ").toUpperCase().contains("DEFERRABLE INITIALLY DEFERRED"),
                "project V3: tasks.active_version_id must stay DEFERRABLE INITIALLY DEFERRED:\n" + sql);

        Map<String, List<String>> indexes = Map.of("tasks_status", List.of("status"), "tasks_phase", List.of("phase"),
                "tasks_active_version", List.of("active_version_id"), "tasks_priority", List.of("priority"));
        for (Map.Entry<String, List<String>> index : new TreeMap<>(indexes).entrySet()) {
            assertEquals(index.getValue(), indexColumns(db, "tasks", index.getKey()),
                    "project V3: index " + index.getKey() + " on tasks must exist again after the rebuild");
        }
        assertEquals(String.valueOf(before.ids("tasks").size()), value(db, "SELECT count(*) FROM tasks"),
                "project V3: as many tasks after the rebuild as before");
    }

    /**
     * The versions list (TaskService.versions: number, author, creation time and id of a task's
     * versions in order) must not open the rows, whose content comes before author and creation time.
     */
    private void projectV6_everyDeletionKeepsTheHighestIdItRemoved(Connection db, Snapshot before) throws SQLException {
        assertEquals("0", value(db, "SELECT count(*) FROM deleted_row_ids"), "project V6: nothing deleted yet");
        List<String> tables = List.of("tasks", "task_versions", "change_requests", "approvals", "runs", "artifacts");
        try (Statement statement = db.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF"); // each table on its own, whatever refers to its rows
            for (String table : tables) {
                long newest = before.ids(table).stream().mapToLong(Long::longValue).max().orElseThrow();
                long lowest = before.ids(table).stream().mapToLong(Long::longValue).min().orElseThrow();
                statement.executeUpdate("DELETE FROM " + table + " WHERE id = " + newest);
                statement.executeUpdate("DELETE FROM " + table + " WHERE id = " + lowest); // a lower one after it
                assertEquals(String.valueOf(newest), value(db, "SELECT highest FROM deleted_row_ids WHERE table_name = '"
                        + table + "'"), "project V6: the highest id deleted from " + table);
            }
        }
    }

    private void projectV5_theVersionsListIsReadFromAnIndexAlone(Connection db) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement statement = db.createStatement(); ResultSet steps = statement.executeQuery("EXPLAIN QUERY PLAN "
                + "SELECT id, number, author, created_at FROM task_versions WHERE task_id = 10 ORDER BY number LIMIT 50")) {
            while (steps.next()) {
                plan.append(steps.getString("detail")).append("; ");
            }
        }
        assertTrue(plan.toString().contains("COVERING INDEX task_versions_summary"), "project V5: versions list plan is " + plan);
        assertEquals(List.of("task_id", "number", "author", "created_at"),
                indexColumns(db, "task_versions", "task_versions_summary"), "project V5: index task_versions_summary");
    }

    // ---- the generic check -------------------------------------------------------------------------

    private void check(Migration migration) throws Exception {
        Path fixture = migration.fixture();
        if (!Files.isRegularFile(fixture)) {
            fail("Migration db/" + migration + " has no fixture. Add " + fixture + " with INSERTs of representative "
                    + "rows valid for " + (migration.previous() == null ? "an empty database (an empty file will do)"
                    : migration.set() + " schema version " + migration.previous() + ": rows in every table, NULLs, "
                    + "edge values, every foreign key used")
                    + "; add expectations for what the migration does to them in " + getClass().getSimpleName()
                    + ".expectAfter under \"" + migration.key() + "\".");
        }
        Path file = dir.resolve(migration.set() + "-V" + migration.version().getVersion() + ".db");
        if (migration.previous() != null) {
            flyway(migration.set(), file, migration.previous()).migrate();
        }

        Snapshot before;
        try (Connection db = open(file)) {
            loadFixture(db, fixture);
            assertSound(db, "fixture " + fixture + " on " + migration.set() + " schema version " + migration.previous());
            before = Snapshot.of(db);
            if (migration.previous() != null) {
                List<String> empty = before.tables.values().stream().filter(table -> table.rows.isEmpty())
                        .map(table -> table.name).toList();
                assertEquals(List.of(), empty, "fixture " + fixture + " must put rows in every table of " + migration.set()
                        + " schema version " + migration.previous() + " (tables left empty are not checked)");
            }
            expectBefore(migration, db);
        }

        flyway(migration.set(), file, migration.version()).migrate();

        try (Connection db = open(file)) {
            assertEquals(migration.version().getVersion(),
                    value(db, "SELECT version FROM " + HISTORY + " WHERE success = 1 ORDER BY installed_rank DESC LIMIT 1"),
                    "Flyway history after applying " + migration);
            Snapshot after = Snapshot.of(db);
            List<String> lost = before.lostIn(after);
            assertTrue(lost.isEmpty(), () -> migration + " changed or lost rows or structure that existed before it "
                    + "(if on purpose, say so in expectAfter and teach the harness):\n  " + String.join("\n  ", lost));
            assertSound(db, "after applying " + migration);
            expectAfter(migration, db, before);
        }
    }

    /**
     * Flyway as the brief of the harness prescribes, on the migration files themselves. The
     * connection carries foreign_keys=true like every connection the service opens (the pragma
     * the V3-style table rebuilds must turn off themselves), so the migrations run as in production.
     */
    private static Flyway flyway(String set, Path file, MigrationVersion target) {
        return Flyway.configure()
                .dataSource("jdbc:sqlite:" + file + "?foreign_keys=true", null, null)
                .locations("filesystem:" + MIGRATIONS.resolve(set))
                .target(target.getVersion())
                .mixed(true)
                .load();
    }

    /** A connection with foreign keys enforced, so fixtures must be valid; straight from sqlite-jdbc. */
    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static void assertSound(Connection db, String when) throws SQLException {
        List<String> integrity = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    integrity.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
                while (rows.next()) {
                    foreignKeys.add(rows.getString("table") + " rowid " + rows.getString("rowid") + " -> "
                            + rows.getString("parent"));
                }
            }
        }
        assertEquals(List.of("ok"), integrity, "PRAGMA integrity_check, " + when);
        assertEquals(List.of(), foreignKeys, "PRAGMA foreign_key_check (dangling references), " + when);
    }

    private static void loadFixture(Connection db, Path fixture) throws IOException, SQLException {
        List<String> statements = statements(Files.readString(fixture));
        db.setAutoCommit(false); // deferred foreign keys are checked at commit, as in the service
        try (Statement statement = db.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.executeUpdate(sql);
                } catch (SQLException e) {
                    throw new SQLException("Fixture " + fixture + " is not valid, it failed at:\n" + sql + "\n" + e.getMessage(), e);
                }
            }
            db.commit(); // deferred foreign keys fail here
        } catch (SQLException e) {
            db.rollback();
            throw e.getMessage().startsWith("Fixture ") ? e
                    : new SQLException("Fixture " + fixture + " is not valid: " + e.getMessage(), e);
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Splits SQL on semicolons outside quotes and comments (fixtures hold plain INSERTs). */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
                current.append(' ');
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == close) {
                        if (close != ']' && end + 1 < sql.length() && sql.charAt(end + 1) == close) {
                            end += 2; // doubled quote inside a literal
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                current.append(sql, i, Math.min(end + 1, sql.length()));
                i = end;
            } else if (c == ';') {
                if (!current.toString().isBlank()) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static void inRolledBackTransaction(Connection db, String sql) throws SQLException {
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate(sql);
            // Deferred foreign keys are checked at commit; check them here instead.
            try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
                if (rows.next()) {
                    throw new SQLException("FOREIGN KEY constraint failed (deferred): " + rows.getString("table"));
                }
            }
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    private static String value(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "no row from: " + sql);
            return rows.getString(1);
        }
    }

    private static List<String> indexColumns(Connection db, String table, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ii.name FROM pragma_index_list('" + table + "') il "
                     + "JOIN pragma_index_info(il.name) ii WHERE il.name = '" + index + "' ORDER BY ii.seqno")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }

    // ---- discovery -----------------------------------------------------------------------------------

    private static List<String> sets() throws IOException {
        try (Stream<Path> dirs = Files.list(MIGRATIONS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static List<Migration> migrations(String set) throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(MIGRATIONS.resolve(set))) {
            files = listing.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("V") && name.endsWith(".sql")).toList();
        }
        List<String> sorted = files.stream().sorted(Comparator.comparing(MigrationIndex::versionOf)).toList();
        List<Migration> migrations = new ArrayList<>();
        MigrationVersion previous = null;
        for (String file : sorted) {
            MigrationVersion version = MigrationIndex.versionOf(file);
            migrations.add(new Migration(set, file, version, previous));
            previous = version;
        }
        assertTrue(!migrations.isEmpty(), "no migrations in " + MIGRATIONS.resolve(set));
        return migrations;
    }

    // ---- what a database holds ----------------------------------------------------------------------

    /** A value as SQLite stores it: storage class and value (BLOBs as hex), comparable with equals. */
    record Value(String storageClass, Object value) {
        @Override
        public String toString() {
            return storageClass + ":" + (value instanceof String s && !"blob".equals(storageClass) ? "'" + s + "'" : value);
        }
    }

    record Table(String name, List<String> columns, List<String> key, Map<List<Value>, List<Map<String, Value>>> rows,
                 Set<String> structure) {
    }

    /** Every row of every table (Flyway's history left out), keyed by primary key, and each table's indexes and foreign keys. */
    record Snapshot(Map<String, Table> tables) {

        static Snapshot of(Connection db) throws SQLException {
            Map<String, Table> tables = new TreeMap<>();
            SchemaDescription description = SchemaDescription.of(db, HISTORY);
            for (String name : description.tables().keySet()) {
                List<String> columns = new ArrayList<>();
                TreeMap<Integer, String> primaryKey = new TreeMap<>();
                try (Statement statement = db.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT name, pk FROM pragma_table_info('" + name.replace("'", "''") + "') ORDER BY cid")) {
                    while (rows.next()) {
                        columns.add(rows.getString(1));
                        if (rows.getInt(2) > 0) {
                            primaryKey.put(rows.getInt(2), rows.getString(1));
                        }
                    }
                }
                // Without a primary key a row is identified by all of its values (compared as a multiset).
                List<String> key = primaryKey.isEmpty() ? columns : List.copyOf(primaryKey.values());
                Set<String> structure = description.tables().get(name).stream()
                        .filter(fact -> fact.startsWith("index ") || fact.startsWith("unique index ") || fact.startsWith("foreign key "))
                        .collect(Collectors.toCollection(TreeSet::new));
                tables.put(name, new Table(name, columns, key, rows(db, name, columns, key), structure));
            }
            return new Snapshot(tables);
        }

        private static Map<List<Value>, List<Map<String, Value>>> rows(Connection db, String table, List<String> columns,
                                                                       List<String> key) throws SQLException {
            String select = columns.stream().map(c -> "typeof(" + quote(c) + "), " + quote(c)).collect(Collectors.joining(", "));
            Map<List<Value>, List<Map<String, Value>>> rows = new LinkedHashMap<>();
            try (Statement statement = db.createStatement();
                 ResultSet result = statement.executeQuery("SELECT " + select + " FROM " + quote(table))) {
                while (result.next()) {
                    Map<String, Value> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        String storageClass = result.getString(2 * i + 1);
                        Object value = switch (storageClass) {
                            case "null" -> null;
                            case "integer" -> result.getLong(2 * i + 2);
                            case "real" -> result.getDouble(2 * i + 2);
                            case "blob" -> HexFormat.of().formatHex(result.getBytes(2 * i + 2));
                            default -> result.getString(2 * i + 2);
                        };
                        row.put(columns.get(i), new Value(storageClass, value));
                    }
                    List<Value> id = key.stream().map(row::get).toList();
                    rows.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
                }
            }
            return rows;
        }

        /** Ids of a table keyed by a single integer primary key. */
        List<Long> ids(String table) {
            return tables.get(table).rows.keySet().stream().map(id -> (Long) id.get(0).value()).toList();
        }

        /** What of this snapshot is missing or different in {@code after}, in readable lines. */
        List<String> lostIn(Snapshot after) {
            List<String> lost = new ArrayList<>();
            for (Table old : tables.values()) {
                Table now = after.tables.get(old.name);
                if (now == null) {
                    lost.add("table " + old.name + " is gone (it held " + old.rows.values().stream().mapToInt(List::size).sum() + " rows)");
                    continue;
                }
                for (String fact : old.structure) {
                    if (!now.structure.contains(fact)) {
                        lost.add(old.name + ": " + fact + " is gone");
                    }
                }
                List<String> missingColumns = old.columns.stream().filter(c -> !now.columns.contains(c)).toList();
                if (!missingColumns.isEmpty()) {
                    lost.add(old.name + ": columns " + missingColumns + " are gone");
                    continue;
                }
                Map<List<Value>, List<Map<String, Value>>> rowsNow = rekey(now, old.key);
                for (Map.Entry<List<Value>, List<Map<String, Value>>> entry : old.rows.entrySet()) {
                    String id = old.name + " row " + describeKey(old.key, entry.getKey());
                    List<Map<String, Value>> candidates = new ArrayList<>(rowsNow.getOrDefault(entry.getKey(), List.of()));
                    for (Map<String, Value> row : entry.getValue()) {
                        if (candidates.isEmpty()) {
                            lost.add(id + " is gone (was " + row + ")");
                            continue;
                        }
                        Map<String, Value> match = candidates.stream()
                                .filter(candidate -> differences(row, candidate).isEmpty()).findFirst().orElse(null);
                        if (match == null) {
                            lost.add(id + ": " + String.join(", ", differences(row, candidates.get(0))));
                            candidates.remove(0);
                        } else {
                            candidates.remove(match);
                        }
                    }
                }
            }
            return lost;
        }

        private static Map<List<Value>, List<Map<String, Value>>> rekey(Table table, List<String> key) {
            Map<List<Value>, List<Map<String, Value>>> rekeyed = new HashMap<>();
            for (List<Map<String, Value>> rows : table.rows.values()) {
                for (Map<String, Value> row : rows) {
                    rekeyed.computeIfAbsent(key.stream().map(row::get).toList(), k -> new ArrayList<>()).add(row);
                }
            }
            return rekeyed;
        }

        private static List<String> differences(Map<String, Value> old, Map<String, Value> now) {
            List<String> differences = new ArrayList<>();
            old.forEach((column, value) -> {
                if (!value.equals(now.get(column))) {
                    differences.add("column " + column + " was " + value + ", is " + now.get(column));
                }
            });
            return differences;
        }

        private static String describeKey(List<String> key, List<Value> values) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                parts.add(key.get(i) + "=" + values.get(i));
            }
            return "{" + String.join(", ", parts) + "}";
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
