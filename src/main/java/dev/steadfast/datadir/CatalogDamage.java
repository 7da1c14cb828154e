package dev.steadfast.datadir;

import dev.steadfast.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a request found the catalog damaged (SQLite: corrupt, or not a database, in pages the
 * boot's migration does not read). Nothing the service does repairs it, a restart neither: from
 * then on readiness is DOWN (so traffic goes elsewhere) and such requests answer 503, not a 500
 * with an incident; the operator is told once, in the log, which file to restore.
 */
@ApplicationScoped
public class CatalogDamage {

    private static final Logger LOG = Logger.getLogger(CatalogDamage.class);

    private final Path catalog;
    private final AtomicReference<String> reason = new AtomicReference<>();

    @Inject
    CatalogDamage(DataDirectory dataDirectory) {
        this(dataDirectory.catalogFile());
    }

    CatalogDamage(Path catalog) {
        this.catalog = catalog;
    }

    /** Records what SQLite reported (logged the first time only) and returns the request's 503. */
    public ProblemException found(String sqliteMessage) {
        String why = "the catalog " + catalog + " is damaged (SQLite: " + sqliteMessage + "): stop the service,"
                + " restore " + catalog.getFileName() + " from a backup (see Restore in docs/operations.md), start it again";
        if (reason.compareAndSet(null, why)) {
            LOG.error(why);
        }
        return ProblemException.unavailable("The service's catalog is damaged, so the service cannot answer this"
                + " request; an operator must restore it from a backup.");
    }

    /** Null while no request found the catalog damaged, else why and the way out. */
    public String reason() {
        return reason.get();
    }
}
