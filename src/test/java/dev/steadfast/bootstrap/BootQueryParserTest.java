package dev.steadfast.bootstrap;

import dev.steadfast.TestApi;
import dev.steadfast.user.User;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Boot never parses HQL: the admin reconciler and the project-file check use a natural-id load and
 * native SQL, so Hibernate's query parser (hundreds of classes, about half a second of a two-core
 * machine) is first loaded by a request, not on the way to ready. Runs on a fresh boot of its own.
 */
@QuarkusTest
@TestProfile(BootQueryParserTest.FreshBoot.class)
class BootQueryParserTest {

    public static class FreshBoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("steadfast.data-dir", TestApi.freshDataDirectory("boot-hql"));
        }
    }

    @Inject
    SessionFactory catalog;

    @Inject
    @PersistenceUnit("projects")
    SessionFactory projects;

    @Test
    void shouldReachReadyWithoutInterpretingAnyHqlQuery() {
        assertEquals(0, cachedHqlInterpretations(catalog), "HQL interpreted in the catalog during boot");
        assertEquals(0, cachedHqlInterpretations(projects), "HQL interpreted in the projects unit during boot");

        // The boot-time lookups still answer, and still without HQL.
        String admin = QuarkusTransaction.requiringNew().call(() -> User.findByUsername("ADMIN").orElseThrow().username);
        assertEquals("admin", admin, "usernames match case-insensitively, as the column collates");
        assertEquals(0, cachedHqlInterpretations(catalog));
    }

    private static int cachedHqlInterpretations(SessionFactory factory) {
        return factory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedHqlInterpretations();
    }
}
