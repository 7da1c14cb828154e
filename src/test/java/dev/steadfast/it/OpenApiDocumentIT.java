package dev.steadfast.it;

import dev.steadfast.AtOnce;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service reaches readiness without reading its OpenAPI document, and reads it, whole
 * and once, when it is first fetched, on a worker thread whatever the path
 * ({@code dev.steadfast.common.OpenApiReadOnFirstFetchInterceptor}, {@code OpenApiReadOffTheEventLoop}).
 * SmallRye OpenAPI logs at DEBUG, with the thread, each part of the model it reads.
 */
class OpenApiDocumentIT {

    private static final String DOCUMENT_READ = "Adding model from custom static file...";
    /** Quarkus serves these from the event loop; each format twice, so that every format is fetched at once. */
    private static final List<String> FIRST_FETCHES = List.of("/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml",
            "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml", "/q/openapi.json", "/q/openapi.yaml");

    @Test
    void theDocumentIsReadOnceOnAWorkerAtItsFirstFetchNotAtBoot() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("openapi", ServiceProcess.newDirectory("openapi"),
                ServiceProcess.env("STEADFAST_ADMIN_PASSWORD", "openapi-admin-password",
                        "QUARKUS_LOG_CATEGORY__IO_SMALLRYE_OPENAPI_API__LEVEL", "DEBUG"))
                .awaitReady(Duration.ofSeconds(60))) {
            assertFalse(service.log().contains(DOCUMENT_READ), "the boot read the document\n" + service.logTail());

            Api api = new Api(service);
            List<Callable<String>> fetches = FIRST_FETCHES.stream()
                    .<Callable<String>>map(path -> () -> api.request().when().get(path)
                            .then().statusCode(200).extract().asString())
                    .toList();
            List<String> bodies = AtOnce.run(fetches, fetches.size());
            Map<String, List<String>> byFormat = new TreeMap<>();
            for (int i = 0; i < bodies.size(); i++) {
                String format = FIRST_FETCHES.get(i).endsWith(".json") ? "json" : "yaml";
                byFormat.computeIfAbsent(format, key -> new ArrayList<>()).add(bodies.get(i));
            }
            byFormat.forEach((format, same) -> {
                assertEquals(Collections.nCopies(same.size(), same.get(0)), same, format + " answers differ");
                assertTrue(same.get(0).contains("/api/projects/{projectId}/tasks/{taskId}"), format + " is not whole");
            });
            api.request().when().get("/q/openapi").then().statusCode(200);

            List<String> reads = service.log().lines().filter(line -> line.contains(DOCUMENT_READ)).toList();
            assertEquals(1, reads.size(), "the document is read once\n" + String.join("\n", reads));
            assertTrue(reads.get(0).contains("(executor-thread-"), "read off the event loop: " + reads.get(0));
            service.stop();
        }
    }
}
