package dev.steadfast.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steadfast.TestApi;
import dev.steadfast.project.ProjectFiles;
import dev.steadfast.schema.ProjectMigrator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Artifacts: uploads as JSON text or raw bodies, the size limit, downloads with ETag, links to
 * tasks and runs, immutability and isolation. Runs with a small artifact limit (and an HTTP body
 * limit above it), because with the defaults both are 10 MiB and Quarkus refuses an oversized body
 * before the service can: the service's own 413 is only reachable when its limit is the lower one.
 */
@QuarkusTest
@TestProfile(ArtifactResourceTest.SmallArtifacts.class)
class ArtifactResourceTest {

    @Inject
    Vertx vertx;

    @Inject
    ProjectFiles files;

    @Inject
    ProjectMigrator migrator;

    static final int LIMIT = 1024;
    static final int HTTP_LIMIT = 8 * 1024;

    public static class SmallArtifacts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("steadfast.projects.max-artifact-bytes", String.valueOf(LIMIT),
                    "quarkus.http.limits.max-body-size", HTTP_LIMIT / 1024 + "K",
                    // A data directory of its own: this profile boots the service again, and should
                    // not have to migrate every project the other test classes left behind.
                    "steadfast.data-dir", TestApi.freshDataDirectory("artifacts"));
        }
    }

    private String token;
    private String project;

    @BeforeEach
    void setUp() {
        token = TestApi.adminToken();
        project = TestApi.createProject(token);
    }

    @Test
    void shouldStoreJsonTextAsUtf8WithItsSizeAndSha256ButNotEchoTheContent() {
        String text = "# Spec\nGrüße, naïve café ✓\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "spec.md", "content", text))
                .when().post(artifacts())
                .then().log().ifValidationFails().statusCode(201)
                .header("Location", containsString(artifacts() + "/"))
                .body("id", notNullValue()).body("type", equalTo("SPEC")).body("name", equalTo("spec.md"))
                .body("mediaType", equalTo("text/plain; charset=utf-8"))
                .body("size", equalTo(bytes.length)).body("sha256", equalTo(sha256(bytes)))
                .body("taskId", nullValue()).body("runId", nullValue())
                .body("createdBy", equalTo("admin")).body("createdAt", notNullValue())
                .body("$", not(hasKey("content")));
    }

    @Test
    void shouldDownloadJsonTextWithTheGivenMediaTypeAndAnETag() {
        String text = "# Decision\nUse SQLite, one file per project.";
        long id = uploadJson(Map.of("type", "ADR", "name", "adr-1.md", "content", text,
                "mediaType", "text/markdown; charset=utf-8"));
        byte[] downloaded = given().auth().oauth2(token).when().get(artifact(id) + "/content")
                .then().statusCode(200)
                .header("Content-Type", "text/markdown; charset=utf-8")
                .header("ETag", "\"" + sha256(text.getBytes(StandardCharsets.UTF_8)) + "\"")
                .extract().asByteArray();
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), downloaded);
    }

    @Test
    void shouldStoreARawBodyByteForByteWithItsContentType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, (byte) 0xff, (byte) 0xfe, 0x7f};
        long id = raw().contentType("image/png").body(png)
                .queryParam("type", "other").queryParam("name", "logo.png")
                .when().post(artifacts())
                .then().log().ifValidationFails().statusCode(201)
                .body("type", equalTo("OTHER")).body("name", equalTo("logo.png"))
                .body("mediaType", equalTo("image/png")).body("size", equalTo(png.length))
                .body("sha256", equalTo(sha256(png))).body("$", not(hasKey("content")))
                .extract().jsonPath().getLong("id");
        byte[] downloaded = given().auth().oauth2(token).when().get(artifact(id) + "/content")
                .then().statusCode(200).contentType("image/png").header("ETag", "\"" + sha256(png) + "\"")
                .extract().asByteArray();
        assertArrayEquals(png, downloaded);
    }

    @Test
    void shouldRefuseACompressedBodyRatherThanStoreTheCompressedBytesAsTheContent() throws IOException {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write("a log line\n".getBytes(StandardCharsets.UTF_8));
        }
        raw().contentType("text/plain").header("Content-Encoding", "gzip").body(zipped.toByteArray())
                .queryParam("type", "log").queryParam("name", "run.log")
                .when().post(artifacts())
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("Content-Encoding"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Content-Encoding", "GZIP, identity")
                .body(Map.of("type", "SPEC", "name", "s", "content", "x"))
                .when().post(artifacts()).then().statusCode(415);
        // Each Content-Encoding line counts, not only the first.
        raw().contentType("text/plain").header("Content-Encoding", "identity").header("Content-Encoding", "gzip")
                .body(zipped.toByteArray()).queryParam("type", "log").queryParam("name", "run.log")
                .when().post(artifacts()).then().statusCode(415);
        list().body("total", equalTo(0));
        // A request without a body is not refused for it, and one without a token is a 401 as always.
        given().auth().oauth2(token).header("Content-Encoding", "gzip").when().get(artifacts()).then().statusCode(200);
        given().contentType(ContentType.JSON).header("Content-Encoding", "gzip").body("{}")
                .when().post(artifacts()).then().statusCode(401);
        // identity is no coding at all
        raw().contentType("text/plain").header("Content-Encoding", "identity").body("plain".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "log").queryParam("name", "run.log")
                .when().post(artifacts()).then().statusCode(201).body("size", equalTo(5));
    }

    @Test
    void shouldRefuseAMediaTypeTheDownloadCouldNotSendAsAHeader() {
        // The media type parser takes a line break inside a quoted parameter; the HTTP layer refuses
        // it in the download's Content-Type, which made the stored artifact a 500 for ever.
        for (String mediaType : new String[]{"text/plain; a=\"x\r\nSet-Cookie: y\"", "text/plain; a=\u00e9"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("type", "SPEC", "name", "s", "content", "x", "mediaType", mediaType))
                    .when().post(artifacts())
                    .then().statusCode(400).body("errors.mediaType", containsString("printable ASCII"));
        }
        raw().header("Content-Type", "text/plain; a=\u00e9").body("x".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "log").queryParam("name", "run.log")
                .when().post(artifacts()).then().statusCode(415);
        list().body("total", equalTo(0));
    }

    @Test
    void shouldAnswer304WhenIfNoneMatchCarriesTheETag() {
        long id = uploadJson(Map.of("type", "LOG", "name", "build.log", "content", "BUILD SUCCESS"));
        String etag = given().auth().oauth2(token).when().get(artifact(id) + "/content")
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(token).header("If-None-Match", etag).when().get(artifact(id) + "/content")
                .then().statusCode(304).header("ETag", etag).body(equalTo(""));
        given().auth().oauth2(token).header("If-None-Match", "\"" + "0".repeat(64) + "\"")
                .when().get(artifact(id) + "/content")
                .then().statusCode(200).body(equalTo("BUILD SUCCESS"));
    }

    @Test
    void shouldCompareIfNoneMatchWeaklyAndAcceptAListOfTags() {
        long id = uploadJson(Map.of("type", "LOG", "name", "build.log", "content", "BUILD SUCCESS"));
        String etag = given().auth().oauth2(token).when().get(artifact(id) + "/content")
                .then().statusCode(200).extract().header("ETag");
        String other = "\"" + "0".repeat(64) + "\"";
        for (String ifNoneMatch : List.of("W/" + etag, other + ", W/" + etag, other + "," + etag, "*")) {
            given().auth().oauth2(token).header("If-None-Match", ifNoneMatch).when().get(artifact(id) + "/content")
                    .then().statusCode(304).header("ETag", etag).body(equalTo(""));
        }
        given().auth().oauth2(token).header("If-None-Match", "W/" + other).when().get(artifact(id) + "/content")
                .then().statusCode(200).body(equalTo("BUILD SUCCESS"));
        // If-Match still compares strongly and goes first: a weak tag there is a 412, whatever If-None-Match says.
        given().auth().oauth2(token).header("If-Match", "W/" + etag).header("If-None-Match", "W/" + etag)
                .when().get(artifact(id) + "/content")
                .then().statusCode(412).header("ETag", etag);
    }

    @Test
    void shouldNeverTakeAnUnquotedValueForTheEntityTag() {
        long id = uploadJson(Map.of("type", "LOG", "name", "build.log", "content", "BUILD SUCCESS"));
        String etag = given().auth().oauth2(token).when().get(artifact(id) + "/content")
                .then().statusCode(200).extract().header("ETag");
        String bare = etag.substring(1, etag.length() - 1); // RFC 9110: an entity tag is quoted

        given().auth().oauth2(token).header("If-None-Match", bare).when().get(artifact(id) + "/content")
                .then().statusCode(200).body(equalTo("BUILD SUCCESS"));
        // An error like every other: the problem document (and the current tag).
        given().auth().oauth2(token).header("If-Match", bare).when().get(artifact(id) + "/content")
                .then().statusCode(412).header("ETag", etag).contentType("application/problem+json")
                .body("type", equalTo("/problems/precondition-failed"));
        given().auth().oauth2(token).header("If-Match", etag).when().get(artifact(id) + "/content")
                .then().statusCode(200).body(equalTo("BUILD SUCCESS"));
        // A list sent over two lines is one list (RFC 9110 §5.3).
        given().auth().oauth2(token).header("If-None-Match", "\"other\"").header("If-None-Match", etag)
                .when().get(artifact(id) + "/content").then().statusCode(304);
    }

    @Test
    void shouldAcceptContentUpToTheLimitAndRefuseABiggerRawBodyWith413() {
        raw().contentType("application/octet-stream").body(new byte[LIMIT])
                .queryParam("type", "LOG").queryParam("name", "exactly-the-limit.bin")
                .when().post(artifacts())
                .then().statusCode(201).body("size", equalTo(LIMIT));
        raw().contentType("application/octet-stream").body(new byte[LIMIT + 1])
                .queryParam("type", "LOG").queryParam("name", "one-byte-too-many.bin")
                .when().post(artifacts())
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("type", equalTo("/problems/content-too-large"))
                .body("detail", containsString("limit of " + LIMIT + " bytes")).body("detail", containsString("Nothing was stored"));
        // Streamed without a Content-Length (chunked): the service stops reading one byte past the limit.
        raw().contentType("application/octet-stream").body(new ByteArrayInputStream(new byte[LIMIT * 4]))
                .queryParam("type", "LOG").queryParam("name", "streamed.bin")
                .when().post(artifacts())
                .then().statusCode(413).contentType("application/problem+json");
        list().body("items.name", equalTo(List.of("exactly-the-limit.bin")));
    }

    @Test
    void shouldRefuseJsonTextBeyondTheLimitMeasuredInUtf8Bytes() {
        String text = "é".repeat(LIMIT / 2 + 1); // fewer characters than the limit, more bytes
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "TRANSCRIPT", "name", "chat.txt", "content", text))
                .when().post(artifacts())
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("is " + (LIMIT + 2) + " bytes"));
        list().body("total", equalTo(0));
    }

    @Test
    void shouldRefuseARawUploadsMisspelledRepeatedOrUndecodableParametersAndStoreNothing() {
        Map<String, String> errorOfEachQuery = Map.of(
                "type=LOG&name=run.log&taskid=5", "taskid",
                "type=LOG&name=a.log&name=b.log", "name",
                "type=LOG&name=%FF.log", "name",
                "type=LOG&name=%ED%A0%80", "name");
        errorOfEachQuery.forEach((query, field) -> raw().urlEncodingEnabled(false).contentType("text/plain").body("line")
                .when().post(artifacts() + "?" + query)
                .then().statusCode(400).contentType("application/problem+json").body("errors." + field, notNullValue()));
        raw().contentType("text/plain; x=" + "a".repeat(244)).body("line") // 256 characters
                .queryParam("type", "LOG").queryParam("name", "long.log")
                .when().post(artifacts())
                .then().statusCode(400).body("errors.Content-Type", equalTo("must be at most 255 characters"));
        list().body("total", equalTo(0));

        raw().urlEncodingEnabled(false).contentType("text/plain").body("line")
                .when().post(artifacts() + "?type=LOG&name=caf%C3%A9+%E2%9C%93.log")
                .then().statusCode(201).body("name", equalTo("café ✓.log"));
    }

    @Test
    void shouldRefuseAMediaTypeWithSpaceAroundItsSlash() {
        for (String mediaType : List.of("text/ plain", "text /plain", "text / plain; charset=utf-8")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("type", "SPEC", "name", "spaced.txt", "content", "x", "mediaType", mediaType))
                    .when().post(artifacts())
                    .then().statusCode(400).contentType("application/problem+json").body("errors.mediaType", notNullValue());
        }
        list().body("total", equalTo(0));
        uploadJson(Map.of("type", "SPEC", "name", "cased.txt", "content", "x", "mediaType", "Text/Plain ; charset=UTF-8"));
        list().body("items[0].mediaType", equalTo("Text/Plain ; charset=UTF-8"));
    }

    @Test
    void shouldStoreJsonTextOnlyUnderAUtf8MediaType() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "latin.txt", "content", "café", "mediaType", "text/plain; charset=iso-8859-1"))
                .when().post(artifacts())
                .then().statusCode(400).contentType("application/problem+json").body("errors.mediaType", containsString("utf-8"));
        // A charset named twice would pass the rule on its last value while a client reads the first;
        // an empty parameter would be stored as "text/plain;; charset=utf-8".
        Map<String, String> unclear = Map.of(
                "text/plain; charset=latin1; charset=utf-8", "must not have the parameter charset twice",
                "text/plain; Charset=utf-8; charset=\"a;b\"", "must not have the parameter charset twice",
                "text/plain;", "must not have an empty parameter (a ';' with no name=value after it)");
        unclear.forEach((mediaType, message) -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "x.txt", "content", "café", "mediaType", mediaType))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.mediaType", equalTo(message)));
        // The limit holds for what is stored: a text type's added charset included.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "x.txt", "content", "c", "mediaType", "text/" + "x".repeat(250)))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.mediaType", containsString("at most 255 characters"));
        raw().contentType("text/plain; charset=latin1; charset=utf-8").queryParam("type", "LOG").queryParam("name", "l")
                .body("x".getBytes(StandardCharsets.UTF_8))
                .when().post(artifacts())
                .then().statusCode(415).body("detail", equalTo("The request's Content-Type has the parameter charset twice."));
        list().body("total", equalTo(0));

        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "utf8.txt", "content", "café", "mediaType", "text/plain; charset=UTF-8"))
                .when().post(artifacts())
                .then().statusCode(201).extract().path("id").toString();
        byte[] downloaded = given().auth().oauth2(token).when().get(artifacts() + "/" + id + "/content")
                .then().statusCode(200).header("Content-Type", containsString("UTF-8")).extract().asByteArray();
        assertArrayEquals("café".getBytes(java.nio.charset.StandardCharsets.UTF_8), downloaded);
        // HEAD tells how large the download is (five bytes: é is two), with no body.
        given().auth().oauth2(token).when().head(artifacts() + "/" + id + "/content")
                .then().statusCode(200).header("Content-Length", "5").header("Content-Type", containsString("UTF-8"));

        // A text type without a charset is given UTF-8's, which its bytes are: else a client decodes them as its default.
        long html = uploadJson(Map.of("type", "SPEC", "name", "page.html", "content", "<p>héllo</p>", "mediaType", "text/html"));
        given().auth().oauth2(token).when().get(artifact(html)).then().body("mediaType", equalTo("text/html; charset=utf-8"));
        given().auth().oauth2(token).when().get(artifact(html) + "/content")
                .then().statusCode(200).header("Content-Type", "text/html; charset=utf-8")
                // Stored bytes are never rendered in place as the service's own page, nor sniffed as another type.
                .header("Content-Disposition", "attachment").header("X-Content-Type-Options", "nosniff");
        long json = uploadJson(Map.of("type", "SPEC", "name", "data.json", "content", "{}", "mediaType", "application/json"));
        given().auth().oauth2(token).when().get(artifact(json)).then().body("mediaType", equalTo("application/json"));
    }

    @Test
    void shouldRefuseABodyOverTheHttpLimitWith413AndStoreNothing() throws Exception {
        // Refused from the announced length (quarkus.http.limits.max-body-size), before
        // authentication and before the body is read, with Connection: close. The service may close
        // the connection before a client has sent the whole body, which an HTTP client that insists
        // on sending it reports as a broken pipe; so the request goes through a plain socket that
        // announces the length and reads the answer.
        String answer = answerToAnnouncedUpload(HTTP_LIMIT + 1);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"type\":\"/problems/content-too-large\"") && answer.contains(HTTP_LIMIT + " bytes"), answer);
        list().body("total", equalTo(0));
    }

    @Test
    void shouldRefuseAChunkedJsonBodyThatGrowsOverTheHttpLimitWithTheSameProblem() throws Exception {
        // A body of unknown length (chunked) is measured as it is read: the 413 names the limit
        // like the one for an announced length, where the HTTP layer cut it off with an empty 413.
        String padding = "x".repeat(HTTP_LIMIT);
        Map<String, Object> task = Map.of("title", "too big", "phase", "CODER", "content", padding);
        Map<String, Object> artifact = Map.of("type", "LOG", "name", "too-big.log", "content", padding);
        for (var upload : Map.of("/api/projects/" + project + "/tasks", task, artifacts(), artifact).entrySet()) {
            byte[] body = toJson(upload.getValue());
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + upload.getKey()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    // No length known in advance: the body goes out chunked.
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            HttpResponse<String> answer = sendOnAFreshConnection(request);
            assertEquals(413, answer.statusCode(), upload.getKey() + ": " + answer.body());
            assertEquals(Optional.of("application/problem+json"), answer.headers().firstValue("Content-Type"));
            assertTrue(answer.body().contains("\"type\":\"/problems/content-too-large\"")
                    && answer.body().contains(HTTP_LIMIT + " bytes"), answer.body());
        }
        list().body("total", equalTo(0));
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRefuseABodyOverTheHttpLimitOverHttp2WithTheSameProblem() throws Exception {
        // HTTP/2 forbids the Connection header the HTTP/1.1 answer carries: with it, every attempt
        // ended in a stream reset (PROTOCOL_ERROR) instead of the 413. An attempt whose connection
        // the server ends (GOAWAY) before answering, seen once under a full test run, is retried on
        // a new connection; a reset or a wrong answer on every attempt fails the test.
        Http2Answer answer = null;
        Exception last = null;
        for (int attempt = 0; attempt < 3 && answer == null; attempt++) {
            try {
                answer = announcedUploadOverHttp2(HTTP_LIMIT + 1);
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            }
        }
        assertNotNull(answer, "no answer over HTTP/2 in 3 attempts: " + last);
        assertEquals(413, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.contentType());
        assertTrue(answer.body().contains("\"type\":\"/problems/content-too-large\""), answer.body());
        list().body("total", equalTo(0));
    }

    /**
     * Sends over a new HTTP/1.1 connection. The service answers 413 and closes while the client may
     * still be sending the rest of the body; the client can then report the closed connection instead
     * of the answer, so an attempt that ends that way is made again, up to three times.
     */
    private static HttpResponse<String> sendOnAFreshConnection(HttpRequest request) throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build(); // Vert.x's HttpClient is imported
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
            }
        }
        throw new AssertionError("no answer in 3 attempts", last);
    }

    private static byte[] toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Http2Answer(int status, String contentType, String body) {
    }

    /** The answer, over HTTP/2 without upgrade, to an upload whose head announces {@code length} bytes, none sent. */
    private Http2Answer announcedUploadOverHttp2(int length) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            HttpClientRequest request = client.request(HttpMethod.POST, RestAssured.port, "localhost",
                    artifacts() + "?type=LOG&name=huge.bin").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            request.putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/octet-stream")
                    .putHeader("Content-Length", String.valueOf(length));
            CompletableFuture<Http2Answer> answered = new CompletableFuture<>();
            request.exceptionHandler(answered::completeExceptionally);
            request.response().onComplete(result -> {
                if (result.failed()) {
                    answered.completeExceptionally(result.cause());
                    return;
                }
                HttpClientResponse response = result.result();
                if (response.version() != HttpVersion.HTTP_2) {
                    answered.completeExceptionally(new AssertionError("answered over " + response.version()));
                    return;
                }
                Buffer received = Buffer.buffer();
                response.handler(received::appendBuffer).exceptionHandler(answered::completeExceptionally)
                        .endHandler(end -> answered.complete(new Http2Answer(response.statusCode(),
                                response.getHeader("Content-Type"), received.toString())));
            });
            request.sendHead().onFailure(answered::completeExceptionally);
            return answered.get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    @Test
    void shouldRefuseJsonInUtf16AndStoreNothing() {
        byte[] utf16 = "{\"type\":\"SPEC\",\"name\":\"a.txt\",\"content\":\"x\"}".getBytes(StandardCharsets.UTF_16);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(utf16)
                .when().post(artifacts())
                .then().statusCode(400).body("type", equalTo("/problems/malformed-json")).body("detail", containsString("UTF-8"));
        list().body("total", equalTo(0));
    }

    /** The whole answer to a raw upload whose headers announce {@code length} bytes, none of which are sent. */
    private String answerToAnnouncedUpload(int length) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + artifacts() + "?type=LOG&name=huge.bin HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldLinkArtifactsToATaskAndARunAndFilterByThem() {
        long task = TestApi.createTask(token, project);
        long run = startRun(task);
        long plan = uploadJson(Map.of("type", "PLAN", "name", "plan.md", "content", "1. do it", "taskId", task));
        long diff = raw().contentType("text/x-diff; charset=utf-8")
                .body("--- a\n+++ b\n".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "DIFF").queryParam("name", "change.diff")
                .queryParam("taskId", task).queryParam("runId", run)
                .when().post(artifacts())
                .then().statusCode(201).body("taskId", equalTo((int) task)).body("runId", equalTo((int) run))
                .body("mediaType", equalTo("text/x-diff; charset=utf-8"))
                .extract().jsonPath().getLong("id");
        long runLog = uploadJson(Map.of("type", "LOG", "name", "run.log", "content", "ok", "runId", run));
        long loose = uploadJson(Map.of("type", "OTHER", "name", "notes.txt", "content", "misc"));
        // A run's output is its task's too: linked by runId only, it is listed under the run's task.
        given().auth().oauth2(token).when().get(artifact(runLog))
                .then().statusCode(200).body("runId", equalTo((int) run)).body("taskId", equalTo((int) task));
        list().body("items.id", equalTo(ids(plan, diff, runLog, loose))).body("$", not(hasKey("content")))
                .body("items[0]", not(hasKey("content")));
        list(Map.of("taskId", task)).body("items.id", equalTo(ids(plan, diff, runLog)));
        // As one stored by an earlier release was, with its run and no task.
        forgetTask(runLog);
        given().auth().oauth2(token).when().get(artifact(runLog)).then().body("taskId", equalTo((int) task));
        list(Map.of("taskId", task)).body("items.id", equalTo(ids(plan, diff, runLog)));
        list(Map.of("taskId", TestApi.createTask(token, project))).body("total", equalTo(0));
        list(Map.of("runId", run)).body("items.id", equalTo(ids(diff, runLog)));
        list(Map.of("type", "diff")).body("items.id", equalTo(ids(diff)));
        list(Map.of("type", "LOG", "runId", run)).body("items.id", equalTo(ids(runLog)));
        list(Map.of("size", 2, "page", 1)).body("items.id", equalTo(ids(runLog, loose))).body("total", equalTo(4))
                .body("items", hasSize(2));
    }

    @Test
    void shouldAnswer404WhenTheReferencedTaskOrRunDoesNotExist() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "PLAN", "name", "plan.md", "content", "x", "taskId", 424242))
                .when().post(artifacts())
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("task"));
        raw().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "LOG").queryParam("name", "run.log").queryParam("runId", 424242)
                .when().post(artifacts())
                .then().statusCode(404).body("detail", containsString("run"));
        list().body("total", equalTo(0));
    }

    @Test
    void shouldRefuseARunThatBelongsToAnotherTask() {
        long task = TestApi.createTask(token, project);
        long other = TestApi.createTask(token, project);
        long run = startRun(other);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "LOG", "name", "run.log", "content", "x", "taskId", task, "runId", run))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.runId", containsString("belongs to task " + other));
        list().body("total", equalTo(0));
    }

    @Test
    void shouldValidateJsonUploads() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("mediaType", "text/plain"))
                .when().post(artifacts())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.type", notNullValue()).body("errors.name", equalTo("is required"))
                .body("errors.content", equalTo("is required"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "RECEIPT", "name", "r", "content", "x"))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.type", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "s", "content", "x", "mediaType", "not a media type"))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.mediaType", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "n".repeat(201), "content", "x"))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.name", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "s", "content", "x", "sha256", "forged"))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.sha256", equalTo("is not a known field"));
        // A raw upload's query parameters are refused, not ignored, with a JSON one: the link was silently lost.
        given().auth().oauth2(token).contentType(ContentType.JSON).queryParam("taskId", "abc")
                .body(Map.of("type", "SPEC", "name", "s", "content", "x"))
                .when().post(artifacts())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.taskId", equalTo("is a query parameter of a raw upload; a JSON upload gives it in its body"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .queryParam("type", "LOG").queryParam("name", "n").queryParam("runId", "1")
                .body(Map.of("type", "SPEC", "name", "s", "content", "x"))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.keySet()", contains("name", "runId", "type"));
        list().body("total", equalTo(0));
    }

    @Test
    void shouldValidateRawUploadsAndListFilters() {
        raw().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .when().post(artifacts())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.type", notNullValue()).body("errors.name", equalTo("is required"));
        raw().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "RECEIPT").queryParam("name", "r").queryParam("taskId", "first")
                .when().post(artifacts())
                .then().statusCode(400).body("errors.type", containsString("SPEC"))
                .body("errors.taskId", equalTo("must be a whole number"));
        given().auth().oauth2(token).queryParam("type", "RECEIPT").when().get(artifacts())
                .then().statusCode(400).body("errors.type", notNullValue());
        given().auth().oauth2(token).queryParam("runId", "abc").when().get(artifacts())
                .then().statusCode(400).body("errors.runId", notNullValue());
        list().body("total", equalTo(0));
    }

    @Test
    void shouldNeverChangeOrDeleteAnArtifact() {
        long id = uploadJson(Map.of("type", "SPEC", "name", "spec.md", "content", "v1"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "v2"))
                .when().put(artifact(id))
                .then().statusCode(405).contentType("application/problem+json").body("detail", containsString("never"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "renamed"))
                .when().patch(artifact(id)).then().statusCode(405);
        given().auth().oauth2(token).when().delete(artifact(id)).then().statusCode(405).header("Allow", "GET, HEAD");
        given().auth().oauth2(token).when().get(artifact(id)).then().statusCode(200).body("name", equalTo("spec.md"));
        given().auth().oauth2(token).when().get(artifact(id) + "/content").then().statusCode(200).body(equalTo("v1"));
    }

    @Test
    void shouldAnswer404ForAnUnknownArtifact() {
        given().auth().oauth2(token).when().get(artifact(424242))
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).when().get(artifact(424242) + "/content").then().statusCode(404);
    }

    @Test
    void shouldNotFindAnArtifactOrTaskOfOneProjectUnderAnother() {
        long task = TestApi.createTask(token, project);
        long id = uploadJson(Map.of("type", "SPEC", "name", "secret.md", "content", "project A only", "taskId", task));
        String other = TestApi.createProject(token);
        String otherArtifacts = "/api/projects/" + other + "/artifacts";
        given().auth().oauth2(token).when().get(otherArtifacts + "/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).when().get(otherArtifacts + "/" + id + "/content").then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "SPEC", "name", "s", "content", "x", "taskId", task))
                .when().post(otherArtifacts)
                .then().statusCode(404);
        given().auth().oauth2(token).when().get(otherArtifacts).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRequireABearerToken() {
        long id = uploadJson(Map.of("type", "SPEC", "name", "spec.md", "content", "x"));
        given().when().get(artifacts())
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        given().when().get(artifact(id)).then().statusCode(401);
        given().when().get(artifact(id) + "/content").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("type", "SPEC", "name", "s", "content", "x"))
                .when().post(artifacts()).then().statusCode(401);
        given().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "LOG").queryParam("name", "l").when().post(artifacts()).then().statusCode(401);
        list().body("total", equalTo(1));
    }

    @Test
    void shouldRefuseANameThatIsUnicodeBlankOrHasControlCharacters() {
        for (String bad : List.of("\u3000", "\u2003\u00a0", "\u0000x", "x\u0007", "two\nlines", "\u0085x")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("type", "SPEC", "name", bad, "content", "x"))
                    .when().post(artifacts())
                    .then().statusCode(400).contentType("application/problem+json").body("errors.name", notNullValue());
            raw().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                    .queryParam("type", "LOG").queryParam("name", bad)
                    .when().post(artifacts())
                    .then().statusCode(400).contentType("application/problem+json").body("errors.name", notNullValue());
        }
        list().body("total", equalTo(0));
        uploadJson(Map.of("type", "SPEC", "name", " Ünïcödé 名前 ", "content", "several\nlines"));
        list().body("items[0].name", equalTo("Ünïcödé 名前"));
    }

    @Test
    void shouldCountANamesCharactersAlikeInAJsonAndARawUpload() {
        String longest = "\uD83D\uDCE6".repeat(200); // 200 characters, 400 UTF-16 units
        uploadJson(Map.of("type", "SPEC", "name", longest, "content", "x"));
        raw().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "LOG").queryParam("name", longest)
                .when().post(artifacts())
                .then().statusCode(201).body("name", equalTo(longest));
        String tooLong = longest + "x";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("type", "SPEC", "name", tooLong, "content", "x"))
                .when().post(artifacts()).then().statusCode(400).body("errors.name", equalTo("must be at most 200 characters"));
        raw().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "LOG").queryParam("name", tooLong)
                .when().post(artifacts())
                .then().statusCode(400).body("errors.name", equalTo("must be at most 200 characters"));
        raw().contentType("text/plain").body("x".getBytes(StandardCharsets.UTF_8))
                .queryParam("type", "LOG").queryParam("name", " " + longest + " ") // spaces count, as in JSON
                .when().post(artifacts())
                .then().statusCode(400).body("errors.name", equalTo("must be at most 200 characters"));
        list().body("total", equalTo(2));
    }

    @Test
    void shouldAnswerAMalformedContentTypeWith415NotA500() {
        String unknown = "/api/projects/00000000-0000-0000-0000-000000000000/artifacts";
        for (String contentType : List.of("foo", "/bar", "a/b/c", "*/*", "text/*", "text/ plain", "text /plain; charset=utf-8")) {
            for (String path : List.of(unknown, artifacts())) {
                given().config(RestAssured.config().encoderConfig(
                                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                        .header("Content-Type", contentType).body("anything".getBytes(StandardCharsets.UTF_8))
                        .when().post(path)
                        .then().log().ifValidationFails().statusCode(anyOf(is(401), is(415)))
                        .contentType("application/problem+json");
                // Inside an unknown project a type that parses (*/*) gets the project's 404 first; one
                // that does not is refused while routing, before the project is looked at.
                raw().header("Content-Type", contentType).body("anything".getBytes(StandardCharsets.UTF_8))
                        .queryParam("type", "LOG").queryParam("name", "l")
                        .when().post(path)
                        .then().log().ifValidationFails().contentType("application/problem+json")
                        .body("type", path.equals(unknown) ? anyOf(equalTo("/problems/unsupported-media-type"),
                                equalTo("/problems/not-found")) : equalTo("/problems/unsupported-media-type"));
            }
        }
        list().body("total", equalTo(0));
    }

    @Test
    void shouldReadAJsonUploadLikeEveryOtherJsonBody() {
        for (String empty : List.of("", "   ", "null")) {
            raw().contentType("application/json").body(empty.getBytes(StandardCharsets.UTF_8))
                    .when().post(artifacts())
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.request", equalTo("a JSON body is required"));
        }
        raw().contentType("application/json").body("{\"type\": ".getBytes(StandardCharsets.UTF_8))
                .when().post(artifacts())
                .then().statusCode(400).body("type", equalTo("/problems/malformed-json"));
        raw().contentType("application/json").body("{\"type\":2,\"name\":\"n\",\"content\":\"c\"}".getBytes(StandardCharsets.UTF_8))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.type", notNullValue());
        raw().contentType("application/json").body("{\"type\":\"SPEC\",\"name\":\"n\",\"content\":{}}".getBytes(StandardCharsets.UTF_8))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.content", notNullValue());
        list().body("total", equalTo(0));
        // The query parameters of a raw upload are refused with a JSON one (never silently ignored);
        // a charset parameter is fine.
        raw().contentType("Application/JSON; charset=utf-8").queryParam("type", "LOG").queryParam("name", "ignored")
                .body("{\"type\":\"SPEC\",\"name\":\"spec.md\",\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                .when().post(artifacts())
                .then().statusCode(400).body("errors.keySet()", contains("name", "type"));
        list().body("total", equalTo(0));
        raw().contentType("Application/JSON; charset=utf-8")
                .body("{\"type\":\"SPEC\",\"name\":\"spec.md\",\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                .when().post(artifacts())
                .then().statusCode(201).body("type", equalTo("SPEC")).body("name", equalTo("spec.md"))
                .body("mediaType", equalTo("text/plain; charset=utf-8"));
    }

    /** A request whose Content-Type is sent as given (RestAssured would otherwise append a charset). */
    private RequestSpecification raw() {
        return given().auth().oauth2(token).config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private long uploadJson(Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(artifacts())
                .then().log().ifValidationFails().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Clears an artifact's task in the project file itself. */
    private void forgetTask(long artifact) {
        try (Connection db = DriverManager.getConnection(migrator.jdbcUrl(files.file(project)));
             PreparedStatement update = db.prepareStatement("UPDATE artifacts SET task_id = NULL WHERE id = ?")) {
            update.setLong(1, artifact);
            org.junit.jupiter.api.Assertions.assertEquals(1, update.executeUpdate());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long startRun(long task) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post("/api/projects/" + project + "/runs")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private ValidatableResponse list() {
        return list(Map.of());
    }

    private ValidatableResponse list(Map<String, Object> query) {
        return given().auth().oauth2(token).queryParams(new HashMap<>(query))
                .when().get(artifacts()).then().statusCode(200);
    }

    private static List<Integer> ids(long... ids) {
        return Arrays.stream(ids).mapToObj(id -> (int) id).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String artifacts() {
        return "/api/projects/" + project + "/artifacts";
    }

    private String artifact(long id) {
        return artifacts() + "/" + id;
    }
}
