package dev.steadfast.datadir;

import dev.steadfast.common.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A request that found the catalog damaged gets a 503 saying an operator must restore it (not a
 * 500 with an incident), and from then on the reason readiness reports names the file and the way
 * out; the first finding is kept (it is the one logged).
 */
class CatalogDamageTest {

    private final Path catalog = Path.of("/data/steadfast.db");
    private final CatalogDamage damage = new CatalogDamage(catalog);

    @Test
    void shouldAnswer503AndKeepTheFirstFindingForReadiness() {
        assertNull(damage.reason(), "nothing found yet: readiness is not affected");

        Problem problem = damage.found("[SQLITE_CORRUPT] The database disk image is malformed").problem();
        damage.found("[SQLITE_NOTADB] File opened that is not a database file");

        assertEquals(503, problem.status());
        assertEquals("/problems/unavailable", problem.type());
        assertThat(problem.detail(), containsString("catalog is damaged"));
        assertThat(problem.detail(), containsString("an operator must restore it"));
        assertThat(damage.reason(), containsString("the catalog " + catalog + " is damaged (SQLite: [SQLITE_CORRUPT]"));
        assertThat(damage.reason(), containsString("restore steadfast.db from a backup"));
    }
}
