package dev.steadfast.packaged;

import dev.steadfast.common.OpenApiTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OpenApiTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class OpenApiIT extends OpenApiTest {
}
