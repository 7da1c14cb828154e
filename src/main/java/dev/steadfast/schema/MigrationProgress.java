package dev.steadfast.schema;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jboss.logging.Logger;

/**
 * Logs each migration as it starts on an existing project file, naming the file's project: one
 * migration of a large project can take minutes, and Flyway's own lines about it are kept out of
 * the log ({@link QuietFlyway}) because they do not say which file they are about.
 */
class MigrationProgress implements Callback {

    private static final Logger LOG = Logger.getLogger(MigrationProgress.class);

    private final String databaseName;

    MigrationProgress(String databaseName) {
        this.databaseName = databaseName;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationInfo migration = context.getMigrationInfo();
        if (migration != null) {
            LOG.infof("%s: applying migration %s (%s)", databaseName, migration.getVersion(), migration.getDescription());
        }
    }

    @Override
    public String getCallbackName() {
        return "steadfast-migration-progress";
    }
}
