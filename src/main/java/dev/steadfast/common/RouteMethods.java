package dev.steadfast.common;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which HTTP methods the API serves on a path, so that a wrong method on a path that exists is a
 * 405, not a 404. Quarkus REST answers 404 there whenever another resource's path is a prefix of
 * that path, as {@code /api/projects} is of every project's tasks, runs and reviews: it tries that
 * resource last, which knows no such path (quarkusio/quarkus#27659). Read from the resource classes
 * on the first such request; each carries {@code @RegisterForReflection} so that a native image
 * can read them too.
 */
@ApplicationScoped
public class RouteMethods {

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]*}");
    /** Stands for a slash inside a segment: never a separator, and in no literal segment of a template. */
    private static final char ENCODED_SLASH = '\u0000';

    /** {@code literals}: the template's characters outside its variables, its rank when two templates match. */
    private record Route(Pattern path, int literals, String method) {
    }

    private volatile List<Route> routes;

    /**
     * The methods served on {@code rawPath}, the path as sent (HEAD wherever GET is), empty if no
     * resource has that path.
     * Where several templates match, only those with the most literal characters count, as in JAX-RS
     * matching: {@code /api/users/me} is served by its own template, not by {@code /api/users/{id}}.
     */
    public Set<String> servedOn(String rawPath) {
        String path = decoded(rawPath);
        Set<String> methods = new TreeSet<>();
        int best = -1;
        for (Route route : routes()) {
            if (!route.path().matcher(path).matches() || route.literals() < best) {
                continue;
            }
            if (route.literals() > best) {
                methods.clear();
                best = route.literals();
            }
            methods.add(route.method());
            if (route.method().equals(HttpMethod.GET)) {
                methods.add(HttpMethod.HEAD);
            }
        }
        return methods;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : bean.getBeanClass().getMethods()) {
                String http = httpMethod(method);
                if (http != null && !method.isAnnotationPresent(AlwaysRefused.class)) {
                    Path sub = method.getAnnotation(Path.class);
                    String template = normalized(root.value() + "/" + (sub == null ? "" : sub.value()));
                    found.add(new Route(template(template), VARIABLE.matcher(template).replaceAll("").length(), http));
                }
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A path template as a pattern: each {variable} is one path segment; a trailing slash is optional. */
    static Pattern template(String template) {
        String path = normalized(template);
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(path);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(path.substring(last, variable.start()))).append("[^/]+");
            last = variable.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }

    /**
     * The path with each segment decoded on its own, as Quarkus REST matches it: an encoded slash
     * ({@code %2F}) stays inside its segment, where it can be part of a variable but of no literal
     * segment. A segment that is not valid percent-encoding is kept as sent.
     */
    static String decoded(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            try {
                segments[i] = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8)
                        .replace('/', ENCODED_SLASH);
            } catch (IllegalArgumentException malformed) {
                // left as sent
            }
        }
        return String.join("/", segments);
    }

    /** One leading slash, single slashes between segments, no trailing slash. */
    private static String normalized(String template) {
        String path = ("/" + template).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
