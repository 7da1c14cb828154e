package dev.steadfast;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The ERROR records the service logs while this is open (in a {@code @QuarkusTest} every log
 * record reaches the root {@code java.util.logging} logger): open it around the requests whose
 * logging a test checks, in a try-with-resources.
 */
public final class ErrorLog implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private ErrorLog() {
        Logger.getLogger("").addHandler(handler);
    }

    public static ErrorLog capture() {
        return new ErrorLog();
    }

    /** What was logged so far, still growing while open. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
