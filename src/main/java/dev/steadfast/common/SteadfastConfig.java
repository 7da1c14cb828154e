package dev.steadfast.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every {@code steadfast.*} setting, with its default: the one place operators' knobs are declared. */
@ConfigMapping(prefix = "steadfast")
public interface SteadfastConfig {

    /**
     * Directory holding everything the service owns (env {@code STEADFAST_DATA_DIR}). Its default,
     * {@code ./data}, lives in application.properties because the datasource URL is built from it.
     */
    String dataDir();

    /** How long a second process waits for the data-directory lock before giving up. */
    @WithDefault("30s")
    Duration lockWait();

    Database database();

    Admin admin();

    Auth auth();

    Projects projects();

    Backups backups();

    Shutdown shutdown();

    /** Graceful shutdown; both defaults live in application.properties (Quarkus' shutdown keys read them). */
    interface Shutdown {
        /** How long readiness reports DOWN before the server stops taking requests (default 5s). */
        Duration readinessDelay();

        /** How long in-flight requests may take to finish after that (default 20s). */
        Duration drainTimeout();
    }

    interface Backups {
        /** Snapshots kept per database (the newest); older ones are deleted after a new one is taken. */
        @WithDefault("5")
        int keep();
    }

    interface Database {
        /**
         * SQLite {@code synchronous} pragma. FULL: no acknowledged write is lost on power failure;
         * NORMAL is faster but may lose the last transactions on power loss (never corrupts).
         * Default FULL, set in application.properties (the datasource is configured from it).
         */
        Synchronous synchronous();

        /**
         * SQLite {@code busy_timeout}: how long a connection waits for the writer lock, and a
         * transaction for its turn in a project file's write queue (default 5000).
         */
        int busyTimeoutMillis();
    }

    /**
     * The {@code synchronous} levels the service supports, named as SQLite names them (any case in
     * the setting). An enum so that any other value stops the boot naming the setting: as text,
     * {@code BOGUS} reached SQLite, which does not refuse a level it does not know, and it silently
     * turned off group commit (enabled only for FULL). OFF and EXTRA are left out on purpose: OFF
     * can corrupt a file on power loss, and EXTRA's extra syncs are not something group commit keeps.
     */
    enum Synchronous {
        FULL,
        NORMAL
    }

    interface Admin {
        /** Name of the administrator the service keeps alive (matched case-insensitively). */
        @WithDefault("admin")
        String username();

        /** The admin's password; applied at boot only when it changed since last applied. */
        Optional<String> password();

        /** A file holding the admin's password (a mounted secret); exclusive with {@code password}. */
        Optional<String> passwordFile();

        /** The admin's e-mail address, set when the admin is created. */
        Optional<String> email();

        /** First wait before retrying a reconciliation that failed on a transient database error. */
        @WithDefault("1s")
        Duration retryInitialDelay();

        /** Longest wait between two reconciliation retries. */
        @WithDefault("30s")
        Duration retryMaxDelay();
    }

    interface Auth {
        /** Shortest password accepted, for every user including the configured admin. */
        @WithDefault("12")
        int passwordMinLength();

        /** Lifetime of a token when the client asks for none. */
        @WithDefault("24h")
        Duration tokenTtl();

        /** Longest lifetime a client may ask for. */
        @WithDefault("30d")
        Duration tokenMaxTtl();
    }

    interface Projects {
        /** Project files kept open at once; the least recently used are closed beyond this. */
        @WithDefault("64")
        int maxOpen();

        /** Read connections per open project file; its transactions use one more, the file's writer connection. */
        @WithDefault("4")
        int poolSize();

        /** Project files migrated at the same time during boot. */
        @WithDefault("2")
        int migrationParallelism();

        /** A run still RUNNING this long after it started counts as TIMEOUT. */
        @WithDefault("1h")
        Duration runTimeout();

        /** Largest artifact accepted, in bytes; larger uploads get 413. */
        @WithDefault("10485760")
        long maxArtifactBytes();
    }
}
