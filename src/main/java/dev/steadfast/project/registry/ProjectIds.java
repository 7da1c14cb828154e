package dev.steadfast.project.registry;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of registered projects, read from the catalog with plain JDBC. The boot reads them
 * (which files to check, which files are nobody's), and through Hibernate that was the boot's first
 * session and transaction: Hibernate's session and query classes loaded and warmed up for two
 * queries, part of 400 ms of the boot's startup event on the benchmark machine. Read-only, outside
 * any transaction: each list is one statement.
 */
@ApplicationScoped
public class ProjectIds {

    private final AgroalDataSource catalog;

    ProjectIds(AgroalDataSource catalog) {
        this.catalog = catalog;
    }

    /** The ids of ACTIVE projects, oldest first. */
    public List<String> active() {
        return ids("SELECT id FROM projects WHERE status = ? ORDER BY created_at, id", ProjectStatus.ACTIVE);
    }

    /** The ids of projects whose file is in {@code projects/} (ACTIVE and ARCHIVED). */
    public List<String> withAFile() {
        return ids("SELECT id FROM projects WHERE status <> ?", ProjectStatus.PURGED);
    }

    private List<String> ids(String sql, ProjectStatus status) {
        try (Connection connection = catalog.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, status.name());
            try (ResultSet rows = statement.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        } catch (SQLException e) {
            // Unchecked, as Hibernate's were; the SQLite cause decides the HTTP answer (ProblemMappers).
            throw new IllegalStateException("could not list the registered projects: " + e.getMessage(), e);
        }
    }
}
