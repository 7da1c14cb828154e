package dev.steadfast.common;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a JSON body that is not UTF-8 text before Jackson reads it (RFC 8259 §8.1). Jackson would
 * guess UTF-16 or UTF-32 from the first bytes and read them, and it decodes overlong UTF-8 forms
 * ({@code C0 AF} as "/"), which a strict decoder refuses: such a body would be stored as other text
 * than a strict reader of the same bytes sees. The body is read whole, up to
 * {@code quarkus.http.limits.max-body-size}: one over it is a 413 problem ({@link OversizedBodies}).
 * A request filter, after {@link JsonBodyContentType}'s: a reader interceptor would make Quarkus REST
 * read the operation's parameter annotations by reflection for every request (4% of a creation's CPU).
 */
@Provider
@JsonBody
@Priority(Priorities.USER + 100)
public class Utf8JsonBody implements ContainerRequestFilter {

    private final long maxBytes;

    Utf8JsonBody(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.maxBytes = limit.asLongValue();
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        request.setEntityStream(utf8Only(request.getEntityStream(), maxBytes));
    }

    /**
     * The same body, or a 400 if it is not strict UTF-8 (a UTF-16 or UTF-32 body included), or a 413
     * if it is longer than {@code maxBytes}: a chunked body is only measured as it is read.
     */
    public static InputStream utf8Only(InputStream in, long maxBytes) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 16) + 1);
        if (body.length > maxBytes) {
            throw new ProblemException(OversizedBodies.problem(maxBytes));
        }
        if (body.length >= 2 && isUtf16Or32(body[0] & 0xff, body[1] & 0xff)) {
            throw notUtf8("it starts like UTF-16 or UTF-32");
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        // Decoded a piece at a time into one small buffer: only whether it decodes matters.
        CharBuffer piece = CharBuffer.allocate(4096);
        CoderResult result;
        do {
            piece.clear();
            result = strict.decode(bytes, piece, true);
        } while (result.isOverflow());
        if (result.isError()) {
            throw notUtf8("at byte " + bytes.position());
        }
        return new ByteArrayInputStream(body);
    }

    /** A byte order mark or a zero byte: neither can start UTF-8 JSON text. */
    private static boolean isUtf16Or32(int first, int second) {
        return first == 0 || second == 0 || (first == 0xfe && second == 0xff) || (first == 0xff && second == 0xfe);
    }

    private static ProblemException notUtf8(String where) {
        return new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not UTF-8 text (" + where + "); JSON is read as UTF-8 only."));
    }
}
