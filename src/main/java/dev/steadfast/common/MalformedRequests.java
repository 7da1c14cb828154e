package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request without one usable {@code Host} gets a 400 problem document before anything runs: none
 * at all (which HTTP/1.0 allows), an empty one, two of them, one that is not a host
 * ({@code Host: a/b}) or one with an empty or impossible port ({@code localhost:}). The service
 * writes its own address into {@code Location} headers from the host a request names, so such a
 * request either stored something under a broken link ({@code http:/api/users/20}) or, with no
 * host at all, failed with a 500 wherever the request URI was built. RFC 9112 (section 3.2) asks for a
 * 400 for a missing, repeated or invalid {@code Host} in HTTP/1.1; HTTP/1.0 clients send one too.
 * <p>
 * The router refuses some of these itself, before any route runs: Quarkus's last-resort handler
 * answered those with a plain-text "500 - Internal Server Error" page and an ERROR incident each,
 * so any client, signed in or not, could fill the log with incidents that are nobody's fault but
 * its own. They get the same problem document.
 * <p>
 * Two {@code Authorization} headers are refused the same way: the first one was taken, so a valid
 * token followed by a bogus one was served and the other order was not. So is an HTTP/1.0 request
 * with {@code Transfer-Encoding}, whose length is unclear, and its connection is closed: it was
 * served and the connection kept open.
 */
@ApplicationScoped
public class MalformedRequests {

    /** A host name, an IPv4 address or a bracketed IPv6 address, then at most a port of digits. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:/?#\\[\\]@\\\\]+)(?::([0-9]{1,5}))?");

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String problem = json.writeValueAsString(Problem.of(400, "bad-request", "Bad Request",
                "The request is not a well-formed HTTP request: it needs one Host header naming this service."));
        // Before every other route: nothing may run for a request whose links cannot be written.
        String twoCredentials = json.writeValueAsString(Problem.of(400, "bad-request", "Bad Request",
                "The request has more than one Authorization header: send the credentials once."));
        String twoFramings = json.writeValueAsString(Problem.of(400, "bad-request", "Bad Request",
                "The request's length is unclear: HTTP/1.0 has no Transfer-Encoding."));
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (!namesOneUsableHost(context.request())) {
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
            } else if (hasUnclearFraming(context.request())) {
                // RFC 9112 (6.1): an HTTP/1.0 recipient frames the body otherwise, so a proxy in front
                // may have, and what follows on this connection could be a request smuggled past it.
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(twoFramings)
                        .onComplete(written -> context.request().connection().close());
            } else if (context.request().headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1) {
                // Which one counts would be up to the framework (the first did): refuse to guess.
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(twoCredentials);
            } else {
                context.next();
            }
        });
        // First among the failure handlers, before Quarkus's own at the end of the router.
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 400 && context.failure() instanceof VertxException && !context.response().headWritten()) {
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
                return;
            }
            context.next();
        });
    }

    static boolean hasUnclearFraming(HttpServerRequest request) {
        // (With Content-Length as well, Netty has already dropped that header and reads the chunks.)
        return request.version() == HttpVersion.HTTP_1_0 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    static boolean namesOneUsableHost(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return request.authority() != null && !request.authority().host().isEmpty(); // :authority, checked by the codec
        }
        return isUsableHost(request.headers().getAll(HttpHeaders.HOST));
    }

    /** Whether these {@code Host} header values are exactly one host, with a port from 1 to 65535 if any. */
    static boolean isUsableHost(List<String> values) {
        if (values.size() != 1) {
            return false;
        }
        Matcher host = HOST.matcher(values.get(0).strip());
        if (!host.matches()) {
            return false;
        }
        String port = host.group(2);
        return port == null || (Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535);
    }
}
