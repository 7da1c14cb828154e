package dev.steadfast.packaged;

import dev.steadfast.project.ControlResourceTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ControlResourceTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class ControlResourceIT extends ControlResourceTest {
}
