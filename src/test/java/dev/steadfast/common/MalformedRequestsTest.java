package dev.steadfast.common;

import dev.steadfast.ErrorLog;
import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request refused by the HTTP router itself gets a 400 problem and leaves the log alone: it used
 * to get a text page saying "500 - Internal Server Error" and an ERROR incident each, for anyone.
 */
@QuarkusTest
class MalformedRequestsTest {

    @Test
    void shouldAnswerARequestWithoutAUsableHostWithA400ProblemAndLogNoError() throws IOException {
        try (ErrorLog errors = ErrorLog.capture()) {
            for (String hostLine : List.of("Host: a/b\r\n", "Host: a b\r\n", "", "Host:\r\n", "Host: localhost:\r\n",
                    "Host: localhost:0\r\n", "Host: localhost:99999\r\n", "Host: localhost\r\nHost: localhost\r\n")) {
                for (String request : List.of("GET /q/health/live HTTP/1.1", "GET /api/projects HTTP/1.1",
                        "GET /q/health/nonexistent HTTP/1.0", "POST /api/auth/tokens HTTP/1.0", "PUT /api/users HTTP/1.1")) {
                    String answer = exchange(request + "\r\n" + hostLine + "Connection: close\r\n\r\n");
                    assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.0 400"), answer);
                    assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
                    assertTrue(answer.contains("\"type\":\"/problems/bad-request\""), answer);
                    assertTrue(!answer.contains("500"), answer);
                }
            }
            assertEquals(List.of(), errors.records(), "nothing for an operator to look into");
        }
        // A well-formed request on the same paths is served as before, HTTP/1.0 with a Host included.
        for (String host : List.of("localhost", "localhost:" + RestAssured.port, "127.0.0.1", "[::1]:8080")) {
            String live = exchange("GET /q/health/live HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(live.startsWith("HTTP/1.1 200"), live);
        }
        String old = exchange("GET /q/health/live HTTP/1.0\r\nHost: localhost\r\n\r\n");
        assertTrue(old.startsWith("HTTP/1.0 200") || old.startsWith("HTTP/1.1 200"), old);
    }

    @Test
    void shouldStoreNothingForAWriteWithoutAUsableHost() throws IOException {
        String token = TestApi.adminToken();
        int before = projectCount(token);
        String name = "no-host-" + System.nanoTime();
        String body = "{\"name\":\"" + name + "\"}";
        for (String hostLine : List.of("Host:\r\n", "Host: localhost:\r\n", "Host: localhost\r\nHost: localhost\r\n", "")) {
            String answer = exchange("POST /api/projects HTTP/1.0\r\n" + hostLine + "Authorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertTrue(answer.contains(" 400 "), answer);
            assertTrue(answer.contains("\"type\":\"/problems/bad-request\""), answer);
        }
        assertEquals(before, projectCount(token), "no project was created");
    }

    @Test
    void shouldRefuseTwoAuthorizationHeadersWhicheverComesFirst() throws IOException {
        String token = TestApi.adminToken();
        for (String headers : List.of("Authorization: Bearer " + token + "\r\nAuthorization: Bearer bogus\r\n",
                "Authorization: Bearer bogus\r\nAuthorization: Bearer " + token + "\r\n")) {
            String answer = exchange("GET /api/users/me HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("more than one Authorization header"), answer);
        }
        String one = exchange("GET /api/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(one.startsWith("HTTP/1.1 200"), one);
    }

    @Test
    void shouldRefuseABodyOfUnclearLengthAndCloseTheConnection() throws IOException {
        String token = TestApi.adminToken();
        int before = projectCount(token);
        String body = "{\"name\":\"framed-" + System.nanoTime() + "\"}";
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        for (String head : List.of("POST /api/projects HTTP/1.0\r\n", "POST /api/projects HTTP/1.0\r\nContent-Length: 4\r\n")) {
            // A second request follows on the same connection: it must not be answered.
            String answer = exchange(head + "Host: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
                    + "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(answer.contains(" 400 "), answer);
            assertTrue(answer.contains("length is unclear"), answer);
            assertEquals(1, java.util.regex.Pattern.compile("(?m)^HTTP/1\\.[01] \\d{3} ").matcher(answer).results().count(),
                    "one answer, then the connection closed: " + answer);
        }
        assertEquals(before, projectCount(token), "no project was created");
    }

    private static int projectCount(String token) {
        return RestAssured.given().auth().oauth2(token).get("/api/projects").then().statusCode(200)
                .extract().path("total");
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
