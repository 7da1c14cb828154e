package dev.steadfast.packaged;

import dev.steadfast.WorkflowWalkthroughTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WorkflowWalkthroughTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class WorkflowWalkthroughIT extends WorkflowWalkthroughTest {
}
