package dev.steadfast.common;

import jakarta.annotation.Priority;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A numeric id in a path is written one way only: ASCII digits, no sign, no leading zero. The REST
 * layer converts a path parameter with {@code Long.valueOf}, which also takes {@code +1}, {@code 01}
 * and other scripts' digits ({@code ２}, fullwidth; {@code ١}, Arabic-Indic), so
 * {@code PATCH /api/users/%EF%BC%92} changed user 2: one resource had many addresses, and a typo or
 * a mangled link reached a real one. Any other spelling is the 404 a non-numeric id already gets,
 * before anything is read or written. Runs after authentication and the project's 404 or 410.
 */
@Provider
@Priority(Priorities.USER - 190)
public class NumericPathIds implements ContainerRequestFilter {

    private static final Pattern CANONICAL = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final Map<Method, List<String>> NUMERIC = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method operation = resource.getResourceMethod();
        if (operation == null) {
            return;
        }
        for (String name : NUMERIC.computeIfAbsent(operation, NumericPathIds::numericPathParameters)) {
            String value = request.getUriInfo().getPathParameters().getFirst(name);
            if (value != null && !CANONICAL.matcher(value).matches()) {
                throw ProblemException.notFound("Nothing at this path: " + name + " is written in ASCII digits,"
                        + " without a sign or a leading zero, and has at most 18 of them (no id is longer).");
            }
        }
    }

    static List<String> numericPathParameters(Method operation) {
        return Arrays.stream(operation.getParameters())
                .filter(parameter -> parameter.isAnnotationPresent(PathParam.class) && isNumber(parameter))
                .map(parameter -> parameter.getAnnotation(PathParam.class).value())
                .toList();
    }

    private static boolean isNumber(Parameter parameter) {
        Class<?> type = parameter.getType();
        return type == long.class || type == int.class || type == Long.class || type == Integer.class;
    }
}
