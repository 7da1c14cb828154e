package dev.steadfast.common;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Takes the whitespace out between a Content-Type's subtype and its first parameter, as in
 * {@code application/json ;charset=utf-8}. RFC 9110 §8.3.1 allows it, but Quarkus REST reads the
 * subtype as {@code "json "} and refuses the request with a 415.
 */
@ApplicationScoped
public class ContentTypeSpacing {

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(context -> {
            String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type != null) {
                String repaired = withoutSpaceBeforeParameters(type);
                if (!repaired.equals(type)) {
                    context.request().headers().set(HttpHeaders.CONTENT_TYPE, repaired);
                }
            }
            context.next();
        });
    }

    /** {@code type} without the whitespace right before its first ';' (no quoted text can come before it). */
    static String withoutSpaceBeforeParameters(String type) {
        int semicolon = type.indexOf(';');
        if (semicolon <= 0 || !Character.isWhitespace(type.charAt(semicolon - 1))) {
            return type;
        }
        return type.substring(0, semicolon).stripTrailing() + type.substring(semicolon);
    }
}
