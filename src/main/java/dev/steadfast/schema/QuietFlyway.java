package dev.steadfast.schema;

import io.quarkus.logging.LoggingFilter;

import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps Flyway's routine lines about project files and scratch copies out of the log. Flyway writes
 * about ten INFO lines for each file it creates or migrates, none naming the file, so a boot that
 * migrates 1,000 project files would bury everything else under 10,000 of them. Steadfast logs its
 * own, naming the file: each migration as it starts ({@link MigrationProgress}), each file's
 * outcome, each project created, and the progress of the whole step. A dry run's lines would read
 * like the real catalog's or project's being migrated. Flyway's warnings and errors still pass, and
 * its lines about migrating the catalog itself are untouched: they are the catalog's migration log.
 * Set on the console and file handlers ({@code quarkus.log.console.filter},
 * {@code quarkus.log.file.filter}); it reads a flag of the logging thread, which is Flyway's own
 * while logging is synchronous (the default).
 */
@LoggingFilter(name = "steadfast-quiet-flyway")
public final class QuietFlyway implements Filter {

    private static final String FLYWAY = "org.flywaydb";
    private static final ThreadLocal<Boolean> QUIET = new ThreadLocal<>();

    /** Runs Flyway work on a project file or a scratch copy with its INFO lines left out. */
    static <T> T run(Supplier<T> flywayWork) {
        if (QUIET.get() != null) {
            return flywayWork.get();
        }
        QUIET.set(Boolean.TRUE);
        try {
            return flywayWork.get();
        } finally {
            QUIET.remove();
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return QUIET.get() == null
                || record.getLevel().intValue() >= Level.WARNING.intValue()
                || record.getLoggerName() == null
                || !record.getLoggerName().startsWith(FLYWAY);
    }
}
