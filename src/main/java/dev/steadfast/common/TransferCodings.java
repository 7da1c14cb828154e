package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A request body in a transfer coding other than {@code chunked} ({@code Transfer-Encoding: gzip,
 * chunked}) gets a 501 problem (RFC 9112 §6.1): the HTTP layer removes the chunking only, so the
 * service would read, and store, the still compressed bytes as if they were the body. Checked
 * before anything reads the body, and the connection is closed after the answer, since a body in a
 * coding nobody here decodes cannot be skipped reliably.
 */
@ApplicationScoped
public class TransferCodings {

    private static final String CHUNKED = "chunked";

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String problem = json.writeValueAsString(Problem.of(501, "not-implemented", "Not Implemented",
                "The request's Transfer-Encoding holds a coding other than chunked, which the service does not "
                        + "decode: send the body without it."));
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(context -> {
            List<String> codings = context.request().headers().getAll(HttpHeaders.TRANSFER_ENCODING);
            if (codings.isEmpty() || onlyChunked(codings)) {
                context.next();
                return;
            }
            context.response().setStatusCode(501)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(done -> context.request().connection().close())
                    .end(problem);
        });
    }

    private static boolean onlyChunked(List<String> headerLines) {
        return headerLines.stream().flatMap(line -> Arrays.stream(line.split(",")))
                .map(coding -> coding.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .allMatch(CHUNKED::equals);
    }
}
