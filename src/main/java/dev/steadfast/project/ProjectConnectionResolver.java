package dev.steadfast.project;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections for a project's Hibernate sessions. Quarkus caches the provider per tenant for the
 * life of the process, so the provider only names the project and asks {@link ProjectDatabases}
 * for the pool each time: pools can then be closed and reopened (LRU) under it.
 */
@PersistenceUnitExtension(ProjectTenantResolver.UNIT)
@ApplicationScoped
public class ProjectConnectionResolver implements TenantConnectionResolver {

    private final ProjectDatabases databases;
    private final ProjectWriteQueue writeQueue;

    ProjectConnectionResolver(ProjectDatabases databases, ProjectWriteQueue writeQueue) {
        this.databases = databases;
        this.writeQueue = writeQueue;
    }

    @Override
    public ConnectionProvider resolve(String tenantId) {
        return new ProjectConnectionProvider(tenantId, databases, writeQueue);
    }

    private record ProjectConnectionProvider(String projectId, ProjectDatabases databases, ProjectWriteQueue writeQueue)
            implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            if (ProjectTenantResolver.NO_PROJECT.equals(projectId)) {
                throw new SQLException("No project selected: project tables are only reachable inside a project");
            }
            // The turn is taken before the connection: waiting holds none.
            return writeQueue.awaitTurn(projectId) ? databases.writeConnection(projectId)
                    : databases.readConnection(projectId);
        }

        @Override
        public void closeConnection(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException("Cannot unwrap a project connection provider as " + type);
        }
    }
}
