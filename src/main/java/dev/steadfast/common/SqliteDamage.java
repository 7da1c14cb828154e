package dev.steadfast.common;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.util.Optional;

/** SQLite's words for a damaged file (corrupt, or not a database): a restore, not a retry, repairs it. */
public final class SqliteDamage {

    private SqliteDamage() {
    }

    public static boolean isDamage(SQLiteErrorCode code) {
        return code.name().startsWith("SQLITE_CORRUPT") || code == SQLiteErrorCode.SQLITE_NOTADB;
    }

    /** The driver's message when {@code e} or one of its causes reports a damaged file. */
    public static Optional<String> found(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && isDamage(sqlite.getResultCode())) {
                return Optional.of(sqlite.getMessage());
            }
        }
        return Optional.empty();
    }
}
