package dev.steadfast.packaged;

import dev.steadfast.review.ReviewResourceTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ReviewResourceTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedDataDirectory.class)
class ReviewResourceIT extends ReviewResourceTest {
}
