package dev.steadfast.packaged;

import dev.steadfast.task.TaskResourceTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TaskResourceTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class TaskResourceIT extends TaskResourceTest {
}
