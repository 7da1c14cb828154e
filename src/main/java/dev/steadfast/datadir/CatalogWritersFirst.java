package dev.steadfast.datadir;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Switches catalog transactions to begin as writers once every boot step has run, before the HTTP
 * server opens (see {@link CatalogSqliteDriver} for why, and why not earlier).
 */
@ApplicationScoped
public class CatalogWritersFirst {

    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        CatalogSqliteDriver.beginAsWriters(true);
    }

    void onStop(@Observes ShutdownEvent event) {
        CatalogSqliteDriver.beginAsWriters(false);
    }
}
