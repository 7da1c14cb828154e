package dev.steadfast.schema;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jboss.logging.Logger;

import java.sql.SQLException;

/**
 * Refuses a database whose migration history holds a version this build does not know: a newer
 * release wrote it, and running older code on it could corrupt data. Runs before Flyway validates
 * or migrates, reads only, and says in operator's words what happened and what to do.
 */
public class NewerDatabaseGuard implements Callback {

    private static final Logger LOG = Logger.getLogger(NewerDatabaseGuard.class);

    private final String databaseName;
    private final MigrationVersion newestKnown;

    public NewerDatabaseGuard(String databaseName, MigrationVersion newestKnown) {
        this.databaseName = databaseName;
        this.newestKnown = newestKnown;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        String table = context.getConfiguration().getTable();
        SchemaHistory.Entry newest;
        try {
            newest = SchemaHistory.newestRecorded(context.getConnection(), table);
        } catch (SQLException e) {
            throw new FlywayException("Cannot read the migration history of " + databaseName + ": " + e.getMessage(), e);
        }
        if (newest != null && newest.version().isNewerThan(newestKnown)) {
            String state = newest.succeeded()
                    ? "is at schema version " + newest.version()
                    : "holds a failed migration to schema version " + newest.version();
            String message = "The " + databaseName + " database " + state
                    + ", written by a newer Steadfast release; this build knows versions up to " + newestKnown
                    + ". Refusing to start and leaving the file unchanged: run the newer release, or restore a "
                    + "backup taken before the upgrade.";
            LOG.error(message);
            throw new FlywayException(message);
        }
    }

    @Override
    public String getCallbackName() {
        return "steadfast-newer-database-guard";
    }
}
