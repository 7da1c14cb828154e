package dev.steadfast.it;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.steadfast.it.ServiceProcess.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An orchestrator stopping the pod (SIGTERM) while clients keep writing: readiness goes DOWN while
 * requests are still served, a request already in flight finishes and is acknowledged, a new one
 * once the drain began is refused (503) and not run, the WAL is checkpointed and the lock released,
 * and after the next boot exactly the writes that got a 201 are there: none that got no answer.
 * The same holds when the process is killed outright (SIGKILL) amid concurrent writes, whose
 * commits are synced in groups after the write turn (group commit).
 */
class GracefulShutdownIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final String PASSWORD = "graceful-shutdown-admin-password";
    private static final int WRITERS = 4;
    /** Long enough to see readiness DOWN while writes are still acknowledged, on a busy machine too. */
    private static final String READINESS_DELAY = "4s";
    /** How long the slow upload's body takes to arrive: past the readiness delay, well inside the drain timeout. */
    private static final Duration UPLOAD_TRICKLE = Duration.ofSeconds(6);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedWriteSurvivesASigtermUnderLoad() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("graceful-shutdown").resolve("data");
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        String projectId;
        String token;
        String slowUploadBody;
        HttpResponse<String> slowUpload;
        ShutdownObservations seen = new ShutdownObservations();

        try (ServiceProcess service = boot("before-sigterm", dataDir,
                env("STEADFAST_SHUTDOWN_READINESS_DELAY", READINESS_DELAY, "STEADFAST_SHUTDOWN_DRAIN_TIMEOUT", "15s"))) {
            Api api = new Api(service);
            token = api.token("admin", PASSWORD);
            projectId = api.as(token).contentType(ContentType.JSON).body(Map.of("name", "under load"))
                    .when().post("/api/projects").then().statusCode(201).extract().path("id");
            String tasks = service.baseUri() + "/api/projects/" + projectId + "/tasks";

            int writerCount = 2 * WRITERS; // new requests keep arriving all through the drain
            ExecutorService pool = Executors.newFixedThreadPool(writerCount + 1);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < writerCount; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> writeUntilRefused(tasks, token, writer, acknowledged, seen), pool));
            }
            awaitAtLeast(acknowledged, 20);

            // An upload whose body trickles in over UPLOAD_TRICKLE: it is in flight when SIGTERM arrives
            // and still in flight when the readiness delay ends, so only the drain lets it finish.
            slowUploadBody = "# Notes\n" + "line written slowly\n".repeat(30);
            CountDownLatch uploadStarted = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> upload = CompletableFuture.supplyAsync(
                    () -> slowUpload(service.baseUri() + "/api/projects/" + projectId
                            + "/artifacts?type=LOG&name=slow.md", token, slowUploadBody, UPLOAD_TRICKLE, uploadStarted), pool);
            assertTrue(uploadStarted.await(20, TimeUnit.SECONDS), "the slow upload never began sending its body");

            int acknowledgedBeforeSigterm = acknowledged.size();
            service.terminate();
            watchReadinessUntilExit(service, seen);
            int exit = service.awaitExit(Duration.ofSeconds(40));
            slowUpload = upload.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            pool.shutdownNow();

            String log = service.log();
            assertTrue(exit == 0 || exit == 143, "exit code " + exit + "\n" + service.logTail());
            assertTrue(seen.readinessDown, "readiness never answered 503 while the process ran\n" + service.logTail());
            assertTrue(seen.acknowledgedAfterReadinessDown.get() > 0,
                    "no write was acknowledged after readiness went DOWN: the orchestrator had no time to stop routing");
            assertTrue(acknowledged.size() > acknowledgedBeforeSigterm, "no write acknowledged after SIGTERM");
            assertEquals(201, slowUpload.statusCode(), "the in-flight upload was not allowed to finish: " + slowUpload.body());
            int checkpoint = log.indexOf("Shutdown: catalog WAL checkpointed");
            int released = log.indexOf("Released data-directory lock");
            assertTrue(checkpoint >= 0 && released > checkpoint,
                    "the log must show the WAL checkpoint, then the lock release\n" + service.logTail());
            assertTrue(seen.unexpected.isEmpty(), "unexpected answers while stopping: " + seen.unexpected);
            // A request cut off by the end of the drain is the client's loss, not an incident.
            assertTrue(!log.contains("Unexpected failure"), "an incident was logged while stopping\n" + service.logTail());
        }

        Path catalogWal = dataDir.resolve("steadfast.db-wal");
        assertTrue(!Files.exists(catalogWal) || Files.size(catalogWal) == 0,
                "the catalog's WAL was left with " + (Files.exists(catalogWal) ? Files.size(catalogWal) : 0) + " bytes");

        try (ServiceProcess service = boot("after-sigterm", dataDir, Map.of())) {
            Api api = new Api(service);
            String fresh = api.token("admin", PASSWORD);
            Map<Long, String> stored = new HashMap<>();
            for (int page = 0; ; page++) {
                List<Map<String, Object>> items = api.as(fresh).when()
                        .get("/api/projects/" + projectId + "/tasks?size=200&page=" + page)
                        .then().statusCode(200).extract().path("items");
                if (items.isEmpty()) {
                    break;
                }
                items.forEach(task -> stored.put(((Number) task.get("id")).longValue(), (String) task.get("title")));
            }
            acknowledged.forEach((id, title) -> assertEquals(title, stored.get(id), "acknowledged task " + id));
            // A write refused (503) or left without an answer (its connection closed) was not run:
            // a client may repeat it without creating a duplicate.
            Set<String> unacknowledged = new TreeSet<>(stored.values());
            unacknowledged.removeAll(acknowledged.values());
            assertEquals(Set.of(), unacknowledged, "tasks stored without a 201; unanswered requests were " + seen.unanswered);
            assertTrue(seen.refused.get() > 0, "no new request was refused (503) once the drain began");
            long artifact = id(slowUpload.body());
            String content = api.as(fresh).when().get("/api/projects/" + projectId + "/artifacts/" + artifact + "/content")
                    .then().statusCode(200).extract().asString();
            assertEquals(slowUploadBody, content);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillUnderConcurrentWrites() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("killed-under-load").resolve("data");
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        ShutdownObservations seen = new ShutdownObservations();
        String projectId;
        try (ServiceProcess service = boot("before-kill", dataDir, Map.of())) {
            Api api = new Api(service);
            String token = api.token("admin", PASSWORD);
            projectId = api.as(token).contentType(ContentType.JSON).body(Map.of("name", "killed"))
                    .when().post("/api/projects").then().statusCode(201).extract().path("id");
            String tasks = service.baseUri() + "/api/projects/" + projectId + "/tasks";
            int writers = 2 * WRITERS; // enough to have commits waiting on a shared log sync
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(CompletableFuture.runAsync(() -> writeUntilRefused(tasks, token, writer, acknowledged, seen), pool));
            }
            awaitAtLeast(acknowledged, 200);
            service.kill();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            pool.shutdownNow();
            assertTrue(seen.unexpected.isEmpty(), "unexpected answers before the kill: " + seen.unexpected);
        }

        try (ServiceProcess service = boot("after-kill", dataDir, Map.of())) {
            Api api = new Api(service);
            String token = api.token("admin", PASSWORD);
            for (Map.Entry<Long, String> task : acknowledged.entrySet()) {
                String title = api.as(token).when().get("/api/projects/" + projectId + "/tasks/" + task.getKey())
                        .then().statusCode(200).extract().path("title");
                assertEquals(task.getValue(), title, "acknowledged task " + task.getKey());
            }
        }
    }

    private static ServiceProcess boot(String name, Path dataDir, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(env("STEADFAST_ADMIN_PASSWORD", PASSWORD));
        environment.putAll(extra);
        return ServiceProcess.start(name, dataDir, environment).awaitReady(BOOT);
    }

    /** Creates tasks one after another until the service stops answering; records each 201. */
    private void writeUntilRefused(String tasksUri, String token, int writer, Map<Long, String> acknowledged,
                                   ShutdownObservations seen) {
        for (int n = 0; ; n++) {
            String title = "writer " + writer + " task " + n;
            HttpRequest request = HttpRequest.newBuilder(URI.create(tasksUri))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"" + title + "\",\"phase\":\"PLANNER\",\"content\":\"c\"}"))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                seen.unanswered.add(title + ": " + e);
                return; // the server closed: no answer, so nothing may have been run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (response.statusCode() == 201) {
                acknowledged.put(id(response.body()), title);
                if (seen.readinessDown) {
                    seen.acknowledgedAfterReadinessDown.incrementAndGet();
                }
            } else if (response.statusCode() == 503 && isShuttingDown(response)) {
                seen.refused.incrementAndGet();
                return; // the drain began: new requests are refused, which clients retry elsewhere
            } else {
                seen.unexpected.add(response.statusCode() + " " + response.body());
                return;
            }
        }
    }

    /** The 503 of a stopping service: a problem document that closes the connection and says when to retry. */
    private static boolean isShuttingDown(HttpResponse<String> response) {
        return response.body().contains("\"/problems/shutting-down\"")
                && response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && response.headers().firstValue("Connection").orElse("").equalsIgnoreCase("close")
                && response.headers().firstValue("Retry-After").isPresent();
    }

    /** POSTs {@code body} a little at a time over {@code over}; counts {@code started} down once the body is being sent. */
    private HttpResponse<String> slowUpload(String uri, String token, String body, Duration over, CountDownLatch started) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int chunks = 30;
        long pause = over.toMillis() / chunks;
        InputStream trickle = new InputStream() {
            private int position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                started.countDown(); // the request is under way: its body is being read to be sent
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int size = Math.min(Math.min(length, bytes.length / chunks + 1), bytes.length - position);
                System.arraycopy(bytes, position, buffer, offset, size);
                position += size;
                return size;
            }
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/markdown")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> trickle))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the in-flight upload got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls readiness and liveness every 50 ms while the process runs after SIGTERM. */
    private void watchReadinessUntilExit(ServiceProcess service, ShutdownObservations seen) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (service.isAlive() && System.nanoTime() < deadline) {
            int ready = service.status("/q/health/ready");
            if (ready == 503 && service.isAlive()) {
                seen.readinessDown = true;
            }
            Thread.sleep(50);
        }
    }

    private static void awaitAtLeast(Map<Long, String> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " tasks acknowledged in 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static long id(String json) {
        Matcher matcher = ID.matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no id in " + json);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** What the watchers saw while the service stopped. */
    private static final class ShutdownObservations {
        /** Set once readiness answered 503 while the process still ran. */
        volatile boolean readinessDown;
        final AtomicInteger acknowledgedAfterReadinessDown = new AtomicInteger();
        /** Writes answered 503 shutting-down. */
        final AtomicInteger refused = new AtomicInteger();
        /** Writes whose connection failed or closed before any answer (title and error). */
        final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    }
}
