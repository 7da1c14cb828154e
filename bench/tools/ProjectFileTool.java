import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Makes project files for bench/projects-boot.sh. Run with the Java source launcher on the
 * classpath of the built Steadfast application (its migrations, Flyway and sqlite-jdbc):
 *
 * <pre>
 * java -cp "target/quarkus-app/lib/main/*:target/quarkus-app/app/*" bench/tools/ProjectFileTool.java \
 *      old-template FILE VERSION
 * java -cp ... bench/tools/ProjectFileTool.java clone TEMPLATE DATA_DIR COUNT
 * </pre>
 *
 * <ul>
 * <li>{@code old-template}: a new project file migrated by Flyway with {@code target=VERSION} from
 *     the application's own {@code db/project} scripts (so it is exactly what an older Steadfast
 *     made: same schema, same history rows and checksums), then seeded like Steadfast seeds a new
 *     project (its project row and control state) plus one task with its first version, so the
 *     pending migration has a row to carry over and the file counts as non-empty.</li>
 * <li>{@code clone}: copies TEMPLATE to COUNT files {@code DATA_DIR/projects/<uuid>.db}, gives each
 *     copy's own project row its new id (a file describes itself), and registers them all as
 *     ACTIVE in the catalog {@code DATA_DIR/steadfast.db}, in one transaction.</li>
 * </ul>
 */
public class ProjectFileTool {

    /** The pragmas Steadfast puts on every project-file connection (MigrationSets.jdbcUrl). */
    private static String url(Path file) {
        return "jdbc:sqlite:" + file + "?journal_mode=WAL&foreign_keys=true&busy_timeout=5000&synchronous=FULL";
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "old-template" -> oldTemplate(Path.of(args[1]), args[2]);
            case "clone" -> cloneTemplate(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            default -> {
                System.err.println("usage: old-template FILE VERSION | clone TEMPLATE DATA_DIR COUNT");
                System.exit(2);
            }
        }
    }

    static void oldTemplate(Path file, String version) throws SQLException {
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists");
        }
        // The same Flyway settings as Steadfast's project migrator, bar the target.
        Flyway.configure()
                .dataSource(url(file), null, null)
                .locations("classpath:db/project")
                .cleanDisabled(true)
                .validateOnMigrate(true)
                .mixed(true)
                .target(version)
                .load()
                .migrate();
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(url(file))) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO project (id, name, description, created_by, created_at, updated_at) "
                        + "VALUES ('" + id + "', 'bench template', NULL, 'admin', " + now + ", " + now + ")");
                statement.executeUpdate("INSERT INTO control_state (id, paused, max_attempts, updated_at) VALUES (1, 0, 3, " + now + ")");
                statement.executeUpdate("INSERT INTO tasks (id, title, phase, status, active_version_id, created_by, created_at, updated_at) "
                        + "VALUES (1, 'bench task', 'PLANNER', 'PENDING', 1, 'admin', " + now + ", " + now + ")");
                statement.executeUpdate("INSERT INTO task_versions (id, task_id, number, content, author, created_at) "
                        + "VALUES (1, 1, 1, 'Plan the benchmark.', 'admin', " + now + ")");
            }
            connection.commit();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT max(version) FROM flyway_schema_history WHERE success = 1")) {
                rows.next();
                System.err.println("old template " + file + " at version " + rows.getString(1));
            }
        }
        checkpoint(file);
    }

    static void cloneTemplate(Path template, Path dataDir, int count) throws Exception {
        checkpoint(template); // the copies must not depend on a -wal file next to the template
        Path projects = dataDir.resolve("projects");
        Files.createDirectories(projects);
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        try (Connection catalog = DriverManager.getConnection(
                "jdbc:sqlite:" + dataDir.resolve("steadfast.db") + "?journal_mode=WAL&foreign_keys=true&busy_timeout=5000")) {
            catalog.setAutoCommit(false);
            try (PreparedStatement register = catalog.prepareStatement(
                    "INSERT INTO projects (id, name, description, status, created_by, created_at, updated_at) "
                            + "VALUES (?, ?, NULL, 'ACTIVE', 'admin', ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    String id = UUID.randomUUID().toString();
                    Path copy = projects.resolve(id + ".db");
                    Files.copy(template, copy);
                    // Setting-up only: no fsync per copy; Steadfast opens them with its own pragmas.
                    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy + "?synchronous=OFF");
                         PreparedStatement rename = connection.prepareStatement("UPDATE project SET id = ?")) {
                        rename.setString(1, id);
                        if (rename.executeUpdate() != 1) {
                            throw new IllegalStateException(template + " does not hold exactly one project row");
                        }
                    }
                    register.setString(1, id);
                    register.setString(2, "bench project " + (i + 1));
                    register.setLong(3, now + i);
                    register.setLong(4, now + i);
                    register.executeUpdate();
                }
            }
            catalog.commit();
        }
        checkpoint(dataDir.resolve("steadfast.db"));
        System.err.printf("cloned %s %d times into %s in %d ms%n", template.getFileName(), count, projects,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Folds the WAL into the database file, so the file alone is the whole database. */
    static void checkpoint(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
