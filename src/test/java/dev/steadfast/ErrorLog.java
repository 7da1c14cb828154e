package dev.steadfast;

import java.util.logging.Level;

/** The ERROR records the service logs while this is open (see {@link LogCapture}). */
public final class ErrorLog extends LogCapture {

    private ErrorLog() {
        super(record -> record.getLevel().intValue() >= Level.SEVERE.intValue());
    }

    public static ErrorLog capture() {
        return new ErrorLog();
    }
}
