package dev.steadfast;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records the service writes while this is open that {@code which} accepts (in a
 * {@code @QuarkusTest} every log record reaches the root {@code java.util.logging} logger): open it
 * around the work whose logging a test checks, in a try-with-resources. The predicate runs on the
 * logging thread, as a console filter would.
 */
public class LogCapture implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler;

    protected LogCapture(Predicate<LogRecord> which) {
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (which.test(record)) {
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
        Logger.getLogger("").addHandler(handler);
    }

    public static LogCapture of(Predicate<LogRecord> which) {
        return new LogCapture(which);
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
