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

    /** For the catalog, whose refusal stops the boot (BootRefusalIT and docs/operations.md quote it). */
    public static final String REFUSE_TO_START = "Refusing to start";
    /** For a project file: the service starts, the project is quarantined. */
    public static final String REFUSE_PROJECT = "Refusing to serve this project (it is quarantined)";
    /** For a dry run on a scratch copy: nothing is served or started. */
    public static final String REFUSE_PLAN = "Refusing to migrate it";

    private final String databaseName;
    private final MigrationVersion newestKnown;
    private final String refusal;

    /** {@code refusal}: what the service does instead, one of the REFUSE_ texts. */
    public NewerDatabaseGuard(String databaseName, MigrationVersion newestKnown, String refusal) {
        this.databaseName = databaseName;
        this.newestKnown = newestKnown;
        this.refusal = refusal;
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
                    + ". " + refusal + " and leaving the file unchanged: run the newer release, or restore a "
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
