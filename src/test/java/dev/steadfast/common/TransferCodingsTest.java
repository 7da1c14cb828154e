package dev.steadfast.common;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body in a transfer coding the service does not decode is refused, not stored still compressed. */
@QuarkusTest
class TransferCodingsTest {

    @Test
    void shouldRefuseABodyInATransferCodingOtherThanChunkedAndStoreNothing() throws IOException {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        String tasks = "/api/projects/" + project + "/tasks";
        byte[] json = "{\"title\":\"t\",\"phase\":\"CODER\",\"content\":\"compressed\"}".getBytes(StandardCharsets.UTF_8);

        String refused = answer(tasks, token, "gzip, chunked", gzip(json));
        assertTrue(refused.startsWith("HTTP/1.1 501"), refused);
        assertTrue(refused.toLowerCase().contains("content-type: application/problem+json"), refused);
        assertTrue(refused.contains("\"type\":\"/problems/not-implemented\""), refused);
        given().auth().oauth2(token).when().get(tasks).then().statusCode(200).body("total", equalTo(0));
        // A raw artifact is stored byte for byte: without the refusal it held the compressed bytes.
        String artifacts = "/api/projects/" + project + "/artifacts";
        String rawRefused = answer(artifacts + "?type=LOG&name=run.log", token, "gzip, chunked", gzip("line 1\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(rawRefused.startsWith("HTTP/1.1 501"), rawRefused);
        given().auth().oauth2(token).when().get(artifacts).then().statusCode(200).body("total", equalTo(0));

        // Chunked alone is the HTTP layer's to undo: the same body, uncompressed, is stored.
        String stored = answer(tasks, token, "chunked", json);
        assertTrue(stored.startsWith("HTTP/1.1 201"), stored);
        given().auth().oauth2(token).when().get(tasks).then().statusCode(200).body("total", equalTo(1));
    }

    /**
     * The answer to a POST whose body is sent in one chunk under the given Transfer-Encoding. The request goes
     * out in one write: the service answers a refused coding as soon as it has the headers and closes, so a
     * body written after them could meet a closed connection (broken pipe) before the answer is read.
     */
    private static String answer(String path, String token, String transferEncoding, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + (path.contains("/artifacts") ? "text/plain" : "application/json")
                + "\r\nConnection: close\r\nTransfer-Encoding: " + transferEncoding
                + "\r\n\r\n" + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        request.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return readUntilClosed(socket);
        }
    }

    /** Everything the service sent; a reset after a whole answer (it closed with bytes unread) keeps that answer. */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (received.size() == 0) {
                throw e;
            }
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(data);
        }
        return compressed.toByteArray();
    }
}
