package dev.steadfast.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service reaches readiness without reading its OpenAPI document, and reads it, whole,
 * when it is first fetched ({@code dev.steadfast.common.OpenApiReadOnFirstFetchInterceptor}).
 * SmallRye OpenAPI logs at DEBUG each part of the model it reads from the build-time document.
 */
class OpenApiDocumentIT {

    private static final String DOCUMENT_READ = "Adding model from custom static file";

    @Test
    void theDocumentIsReadAtItsFirstFetchNotAtBoot() {
        try (ServiceProcess service = ServiceProcess.start("openapi", ServiceProcess.newDirectory("openapi"),
                ServiceProcess.env("STEADFAST_ADMIN_PASSWORD", "openapi-admin-password",
                        "QUARKUS_LOG_CATEGORY__IO_SMALLRYE_OPENAPI_API__LEVEL", "DEBUG"))
                .awaitReady(Duration.ofSeconds(60))) {
            assertFalse(service.log().contains(DOCUMENT_READ), "the boot read the document\n" + service.logTail());

            Api api = new Api(service);
            api.request().when().get("/q/openapi?format=json").then().statusCode(200)
                    .body("info.title", containsString("Steadfast"))
                    .body("paths", hasKey("/api/projects/{projectId}/tasks/{taskId}"));
            assertTrue(service.log().contains(DOCUMENT_READ), "the fetch did not read the document\n" + service.logTail());
            api.request().when().get("/q/openapi").then().statusCode(200)
                    .body(containsString("/api/projects/{projectId}/tasks/{taskId}:"));
            service.stop();
        }
    }
}
