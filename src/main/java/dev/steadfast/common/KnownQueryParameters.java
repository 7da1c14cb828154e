package dev.steadfast.common;

import dev.steadfast.project.ProjectService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every operation refuses a query parameter it does not take, and one given twice, with a 400
 * naming it: a misspelled filter ({@code ?stauts=DONE}, {@code ?taskid=5}) was ignored and the
 * list came back unfiltered, as if it were the answer, and a repeated one silently took its first
 * value. What an operation takes is read from its own {@code @QueryParam} parameters and
 * {@code @BeanParam} fields (the paging parameters). Runs after the project's 404 or 410
 * ({@code ProjectStatusFirst}) and before the operation reads anything; on a project's own path,
 * an unknown project's 404 still comes first.
 */
@Provider
@Priority(Priorities.USER - 100)
public class KnownQueryParameters implements ContainerRequestFilter {

    private static final Map<Method, Set<String>> TAKEN = new ConcurrentHashMap<>();

    private final ProjectService projects;

    @Context
    ResourceInfo resource;
    @Context
    HttpServerRequest http;

    KnownQueryParameters(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (http.query() == null) {
            return; // most requests: nothing to look at (asked of Vert.x, as building the URI costs more)
        }
        Method operation = resource.getResourceMethod();
        if (operation == null || operation.isAnnotationPresent(AlwaysRefused.class)) {
            return; // a method never allowed answers its 405 whatever it is sent
        }
        Set<String> taken = TAKEN.computeIfAbsent(operation, KnownQueryParameters::queryParametersOf);
        Map<String, String> errors = new TreeMap<>();
        request.getUriInfo().getQueryParameters().forEach((name, values) -> {
            if (!taken.contains(name)) {
                errors.put(name, "is not a parameter of this operation ("
                        + (taken.isEmpty() ? "it takes none" : "it takes " + String.join(", ", taken)) + ")");
            } else if (values.size() > 1) {
                errors.put(name, "must be given at most once");
            }
        });
        if (!errors.isEmpty()) {
            String projectId = request.getUriInfo().getPathParameters().getFirst("projectId");
            if (projectId != null) {
                projects.requireExisting(projectId);
            }
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                    "The request has invalid query parameters.").withErrors(errors));
        }
    }

    static Set<String> queryParametersOf(Method operation) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : operation.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> type = parameter.getType(); type != null && type != Object.class; type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        QueryParam fieldQuery = field.getAnnotation(QueryParam.class);
                        if (fieldQuery != null) {
                            names.add(fieldQuery.value());
                        }
                    }
                }
            }
        }
        return Collections.unmodifiableSet(names); // sorted, for the message
    }
}
