package dev.steadfast.common;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Refuses a JSON body in UTF-16 or UTF-32. Jackson would guess such an encoding from the first bytes
 * and read it, where the service promises UTF-8 only (RFC 8259 §8.1) and a client must learn that
 * it sent something else. Those encodings show in the first two bytes: a byte order mark or a zero
 * byte, neither of which can start UTF-8 JSON text.
 */
@Provider
@JsonBody
public class Utf8JsonBody implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(utf8Only(context.getInputStream()));
        return context.proceed();
    }

    /** The same body, unread, or a 400 if its first two bytes show UTF-16 or UTF-32. */
    public static InputStream utf8Only(InputStream in) throws IOException {
        PushbackInputStream body = new PushbackInputStream(in, 2);
        byte[] head = body.readNBytes(2);
        body.unread(head);
        if (head.length == 2 && isUtf16Or32(head[0] & 0xff, head[1] & 0xff)) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body is not UTF-8 text (it starts like UTF-16 or UTF-32); JSON is read as UTF-8 only."));
        }
        return body;
    }

    private static boolean isUtf16Or32(int first, int second) {
        return first == 0 || second == 0 || (first == 0xfe && second == 0xff) || (first == 0xff && second == 0xfe);
    }
}
