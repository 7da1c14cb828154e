package dev.steadfast.project;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for the rows of project files, counted in memory per project and table from the highest id
 * the file holds when the service first needs one.
 * <p>
 * Why: with ids SQLite picks, Hibernate must run each INSERT the moment the entity is persisted (and
 * ask for {@code last_insert_rowid()} after it), so a transaction takes the project's write turn at
 * its first persist and holds it through all the Java work that follows. With ids known up front, the
 * statements wait for the commit and run together: creating a task holds the turn for three
 * statements and the commit only (see docs/performance.md).
 * <p>
 * Safe because the service is the only writer of its project files (the data-directory lock keeps a
 * second process out) and every INSERT into these tables takes its id from here: no row can appear
 * above the count. A counter starts at the file's highest committed id, and no transaction can hold
 * an uncommitted row of that table yet, since any such row would have taken its id from this
 * counter. Ids of rolled-back transactions are skipped, not reused; after a restart the count
 * continues from the highest id the file holds or ever held: project migration V6 keeps the highest
 * deleted id of each table ({@code deleted_row_ids}, written by triggers), so the id of a deleted
 * task is never given to another one, which SQLite's own choice (one above the highest present)
 * would do.
 */
@ApplicationScoped
public class ProjectRowIds {

    private final Map<Key, AtomicLong> lastIds = new ConcurrentHashMap<>();
    private final ProjectDatabases databases;

    ProjectRowIds(ProjectDatabases databases) {
        this.databases = databases;
    }

    /** The next id for a row of {@code table} in the project's file. */
    public long next(String projectId, String table) {
        Key key = new Key(projectId, table);
        AtomicLong last = lastIds.get(key);
        if (last == null) {
            last = lastIds.computeIfAbsent(key, this::highestId);
        }
        return last.incrementAndGet();
    }

    /** Drops the counters of a project whose file left the service (purge). */
    public void forget(String projectId) {
        lastIds.keySet().removeIf(key -> key.projectId().equals(projectId));
    }

    private AtomicLong highestId(Key key) {
        // Outside the caller's transaction: a plain read, which neither takes the project's write
        // turn nor joins the transaction as a second resource.
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection connection = databases.readConnection(key.projectId());
                 Statement statement = connection.createStatement();
                 ResultSet highest = statement.executeQuery("SELECT max(coalesce((SELECT max(id) FROM " + key.table()
                         + "), 0), coalesce((SELECT highest FROM deleted_row_ids WHERE table_name = '" + key.table()
                         + "'), 0))")) {
                highest.next();
                return new AtomicLong(highest.getLong(1));
            } catch (SQLException e) {
                throw new IllegalStateException("Project " + key.projectId() + ": cannot read the highest id of "
                        + key.table(), e);
            }
        });
    }

    private record Key(String projectId, String table) {
    }
}
