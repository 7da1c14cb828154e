package dev.steadfast.common;

import dev.steadfast.ErrorLog;
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
            for (String hostLine : List.of("Host: a/b\r\n", "Host: a b\r\n", "")) {
                for (String path : List.of("/q/health/live", "/api/projects")) {
                    String answer = exchange("GET " + path + " HTTP/1.1\r\n" + hostLine + "Connection: close\r\n\r\n");
                    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                    assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
                    assertTrue(answer.contains("\"type\":\"/problems/bad-request\""), answer);
                    assertTrue(!answer.contains("500"), answer);
                }
            }
            assertEquals(List.of(), errors.records(), "nothing for an operator to look into");
        }
        // A well-formed request on the same paths is served as before.
        String live = exchange("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(live.startsWith("HTTP/1.1 200"), live);
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
