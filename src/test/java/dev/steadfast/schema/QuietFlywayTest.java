package dev.steadfast.schema;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is left out of the log while Flyway works on a project file: its routine lines only. */
class QuietFlywayTest {

    private final QuietFlyway filter = new QuietFlyway();

    @Test
    void shouldLeaveOutFlywaysInfoLinesAboutAProjectFileButKeepItsWarningsAndEveryoneElsesLines() {
        QuietFlyway.run(() -> {
            assertFalse(filter.isLoggable(record(Level.INFO, "org.flywaydb.core.internal.command.DbMigrate")));
            assertTrue(filter.isLoggable(record(Level.WARNING, "org.flywaydb.core.internal.command.DbMigrate")));
            assertTrue(filter.isLoggable(record(Level.SEVERE, "org.flywaydb.core.Flyway")));
            assertTrue(filter.isLoggable(record(Level.INFO, "dev.steadfast.project.ProjectFileMigrations")));
            return null;
        });
    }

    @Test
    void shouldKeepFlywaysLinesAboutTheCatalogAndAfterTheProjectFileIsDone() {
        assertTrue(filter.isLoggable(record(Level.INFO, "org.flywaydb.core.internal.command.DbMigrate")));
        QuietFlyway.run(() -> QuietFlyway.run(() -> null)); // nested: the outer one ends the quiet
        assertTrue(filter.isLoggable(record(Level.INFO, "org.flywaydb.core.internal.command.DbMigrate")));
    }

    private static LogRecord record(Level level, String logger) {
        LogRecord record = new LogRecord(level, "Migrating schema \"main\" to version \"1\"");
        record.setLoggerName(logger);
        return record;
    }
}
