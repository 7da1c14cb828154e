package dev.steadfast.packaged;

import dev.steadfast.common.ProblemResponsesTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProblemResponsesTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class ProblemResponsesIT extends ProblemResponsesTest {
}
