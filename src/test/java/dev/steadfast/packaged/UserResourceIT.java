package dev.steadfast.packaged;

import dev.steadfast.user.UserResourceTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link UserResourceTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class UserResourceIT extends UserResourceTest {
}
