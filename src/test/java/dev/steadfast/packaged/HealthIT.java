package dev.steadfast.packaged;

import dev.steadfast.health.HealthTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class HealthIT extends HealthTest {
}
