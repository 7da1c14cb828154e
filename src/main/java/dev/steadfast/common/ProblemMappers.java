package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.steadfast.datadir.CatalogDamage;
import dev.steadfast.project.GroupCommit;
import dev.steadfast.project.ProjectService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one place where exceptions become RFC 9457 problem responses. Bodies never carry stack
 * traces, exception class names or SQL: unexpected failures are logged with an incident id that
 * the body repeats, so an operator can find the cause without the client seeing it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String WRONG_TYPE = "has a value of the wrong type or format";
    public static final String CREDENTIALS_REQUIRED = "Authentication is required: send 'Authorization: Bearer <token>'.";
    public static final String TOKEN_REJECTED = "The bearer token is unknown, expired or revoked.";

    @Inject
    RouteMethods routes;

    @Inject
    CurrentVertxRequest vertxRequest;

    @Inject
    GroupCommit groupCommit;

    @Inject
    ProjectService projects;

    @Inject
    CatalogDamage catalog;

    @ServerExceptionMapper
    public Response anticipated(ProblemException e, ContainerRequestContext request) {
        if (e.problem().status() == 401) {
            return challenge(e.problem().detail()); // every 401 names the scheme to use (RFC 9110)
        }
        if (e.problem().status() == 405) {
            // An operation that is never allowed (@AlwaysRefused): a 405 names what is (RFC 9110).
            Set<String> served = routes.servedOn(request.getUriInfo().getRequestUri().getRawPath());
            return Response.status(405).type(Problem.MEDIA_TYPE).entity(e.problem())
                    .header(HttpHeaders.ALLOW, String.join(", ", served)).build();
        }
        if (e.entityTag() != null) {
            Problem problem = e.problem();
            return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                    .tag(new EntityTag(e.entityTag())).build();
        }
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return respond(jsonProblem(e));
    }

    /** Declared apart from its parent: Quarkus ships its own mapper for this subtype, which ours overrides. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return respond(jsonProblem(e));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return challenge(CREDENTIALS_REQUIRED);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return challenge(TOKEN_REJECTED);
    }

    /**
     * A role refused, unless the method is not served on the path at all: Quarkus REST matched
     * PATCH /api/users/me to /api/users/{id}, an ADMIN operation, so a USER got a 403 where an ADMIN
     * gets the 405 (see {@link #unlessMethodNotAllowed}).
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        Set<String> served = routes.servedOn(request.getUriInfo().getRequestUri().getRawPath());
        if (!served.isEmpty() && !served.contains(request.getMethod())) {
            return methodNotAllowed(served);
        }
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this operation."));
    }

    /**
     * Quarkus REST's 404 for a request no resource method matched: a 405 naming the methods that
     * are served there if the path exists (see {@link RouteMethods}), else a 404.
     */
    @ServerExceptionMapper
    public Uni<Response> unmatched(NotFoundException e, ContainerRequestContext request) {
        return forCaller(request, () -> unlessMethodNotAllowed(e, request));
    }

    /** Quarkus REST's own 405, which names no methods: the same answer with its Allow header. */
    @ServerExceptionMapper
    public Uni<Response> notAllowed(NotAllowedException e, ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        return forCaller(request, () -> {
            Set<String> served = routes.servedOn(path);
            return served.isEmpty() ? http(e) : methodNotAllowed(served);
        });
    }

    /**
     * Quarkus REST's 415 and 406, decided while routing, before any operation checked the caller;
     * a 405 where the method is not served on the path at all (PATCH /api/users/me matched
     * /api/users/{id} for its media type first).
     */
    @ServerExceptionMapper
    public Uni<Response> unsupported(NotSupportedException e, ContainerRequestContext request) {
        return forCaller(request, () -> unlessMethodNotAllowed(e, request));
    }

    @ServerExceptionMapper
    public Uni<Response> notAcceptable(NotAcceptableException e, ContainerRequestContext request) {
        return forCaller(request, () -> unlessMethodNotAllowed(e, request));
    }

    /** Quarkus REST's answer, or a 405 naming the methods served where the path exists but not for this method. */
    private Response unlessMethodNotAllowed(WebApplicationException e, ContainerRequestContext request) {
        Set<String> served = routes.servedOn(request.getUriInfo().getRequestUri().getRawPath());
        return served.isEmpty() || served.contains(request.getMethod()) ? http(e) : methodNotAllowed(served);
    }

    /** {@code answer} for a caller {@link ApiCallers} lets see routing answers, else the 401. */
    private Uni<Response> forCaller(ContainerRequestContext request, Supplier<Response> answer) {
        if (ApiCallers.isOpen(request.getUriInfo().getPath())) {
            return Uni.createFrom().item(answer);
        }
        RoutingContext context = vertxRequest.getCurrent();
        return ApiCallers.authenticated(context).map(authenticated -> authenticated ? answer.get()
                : challenge(ApiCallers.presentsBearerToken(context) ? TOKEN_REJECTED : CREDENTIALS_REQUIRED));
    }

    private static Response methodNotAllowed(Set<String> served) {
        return Response.status(405).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(405, "method-not-allowed", "Method Not Allowed", detailFor(405)))
                .header(HttpHeaders.ALLOW, String.join(", ", served)).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(jsonProblem(json));
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        int code = status.getStatusCode();
        if (code >= 500) {
            return unexpected(e);
        }
        Problem problem = Problem.of(code, slug(status.getReasonPhrase()), status.getReasonPhrase(), detailFor(code));
        Response.ResponseBuilder builder = Response.status(code).type(Problem.MEDIA_TYPE).entity(problem);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        SQLiteException sqlite = cause(e, SQLiteException.class);
        if (sqlite != null && isStorageFailure(sqlite.getResultCode())) {
            // The disk failed a read, write or sync: what SQLite wrote may be lost, and a later sync
            // that succeeds would not prove otherwise. Refuse writes until a restart (liveness DOWN).
            groupCommit.storageFailed("SQLite reported " + sqlite.getResultCode() + ": " + sqlite.getMessage());
        }
        if (sqlite != null && SqliteDamage.isDamage(sqlite.getResultCode())) {
            // Pages the boot's check does not read: the project is quarantined, its file kept for the
            // operator. A request that entered no project read only the catalog: the service is unready.
            ProblemException damaged = projects.damagedFile(sqlite.getMessage())
                    .orElseGet(() -> catalog.found(sqlite.getMessage()));
            return respond(damaged.problem());
        }
        if (sqlite != null && sqliteProblem(sqlite.getResultCode()) != null) {
            return sqliteResponse(sqliteProblem(sqlite.getResultCode()));
        }
        if (cause(e, ClosedChannelException.class) != null || cause(e, HttpClosedException.class) != null) {
            // The client's connection closed while its body was being read (the client gave up,
            // or the drain of a graceful shutdown ended): nothing was written, nobody reads this.
            LOG.infof("Request abandoned: the connection closed before its body was read");
            return respond(Problem.of(400, "incomplete-request", "Incomplete request",
                    "The connection closed before the request body arrived."));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(Problem.of(500, "internal", "Internal error",
                "The request failed unexpectedly. Incident " + incident + " is in the service log."));
    }

    /**
     * SQLite reports constraint failures as a generic JDBC error with a result code; they mean the
     * request conflicts with stored data (409) or carries a value the schema refuses (400).
     */
    private static Problem sqliteProblem(SQLiteErrorCode code) {
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> Problem.of(409, "conflict", "Conflict",
                    "A resource with the same unique value already exists.");
            case SQLITE_CONSTRAINT_FOREIGNKEY -> Problem.of(409, "conflict", "Conflict",
                    "The operation would leave a reference to a resource that does not exist.");
            case SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_NOTNULL -> Problem.of(400, "validation",
                    "Invalid request", "A value is missing or outside the allowed set.");
            case SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED -> Problem.of(503, "busy",
                    "Service busy", "The database is busy; retry shortly.");
            case SQLITE_FULL -> Problem.of(507, "storage-full", "Insufficient Storage",
                    "The disk is full, so nothing of this request was stored; retry once space has been freed.");
            case SQLITE_CANTOPEN -> Problem.of(503, "unavailable", "Service Unavailable",
                    "The project's database file cannot be opened (purged, or moved away meanwhile); "
                            + "retry, and an admin can see its state in GET /api/admin/schema.");
            default -> code.name().startsWith("SQLITE_CONSTRAINT")
                    ? Problem.of(409, "conflict", "Conflict", "The operation violates a data constraint.")
                    : isStorageFailure(code) ? Problem.of(503, "storage-failure", "Storage failure",
                            "The disk failed an operation, so writes to project files are refused until the service restarts.")
                    : null;
        };
    }

    /**
     * The field a mapping error names ({@code priority}, {@code items.[0]}), or null when Jackson
     * gives none (a value of a record's constructor that fails while being read, such as a number
     * too long to read); inside a field read as a whole JSON value ({@code gates}) it names that field.
     */
    private static String mappingPath(JsonProcessingException e) {
        return e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
    }

    /**
     * Where the parser stands, named like a mapping error's path ({@code gates.a}, {@code items.[0]}):
     * a duplicate key deep inside a body is named by its whole path, not by its own name alone.
     */
    private static String fieldPath(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.addFirst("[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                parts.addFirst(at.getCurrentName());
            }
        }
        return parts.isEmpty() ? null : String.join(".", parts);
    }

    private static boolean isStorageFailure(SQLiteErrorCode code) {
        return code.name().startsWith("SQLITE_IOERR");
    }

    private static Response sqliteResponse(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.type().equals("/problems/busy")) { // a storage failure lasts until a restart
            builder.header("Retry-After", "1");
        }
        return builder.build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response challenge(String detail) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE).entity(Problem.of(401, "unauthorized", "Unauthorized", detail)).build();
    }

    private static Problem jsonProblem(JsonProcessingException e) {
        StreamConstraintsException ceiling = cause(e, StreamConstraintsException.class);
        if (ceiling != null && ceiling.getOriginalMessage().contains("nesting depth")) {
            // Deep, not large: a few kilobytes of brackets. No request of this API nests that deep.
            return Problem.of(400, "malformed-json", "Malformed JSON",
                    "The request body nests values deeper than the service reads.");
        }
        if (ceiling != null && ceiling.getOriginalMessage().startsWith("Number value length")) {
            // Long, not large: a 1,001-digit number fits in a small body, so a 413 would mislead.
            String field = mappingPath(e);
            return Problem.of(400, "validation", "Invalid request",
                    "A number in the request body has more digits than the service reads (at most 1,000).")
                    .withErrors(Map.of(field != null ? field : "request", "has a number of more than 1,000 digits"));
        }
        if (ceiling != null) {
            // Jackson's own ceilings (a string of 20 million characters, say), far above every field's limit.
            return Problem.of(413, "content-too-large", "Content Too Large",
                    "A value of the request body is larger than the service accepts.");
        }
        if (e instanceof UnknownFields.Found unknown) {
            Map<String, String> errors = new TreeMap<>();
            unknown.names().forEach(name -> errors.put(name, "is not a known field"));
            return Problem.of(400, "validation", "Invalid request", "The request has invalid fields.").withErrors(errors);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problem.of(400, "validation", "Invalid request", "The request has invalid fields.")
                    .withErrors(Map.of(unknown.getPropertyName(), "is not a known field"));
        }
        // A syntax or encoding error, even when Jackson met it inside a field's value and wrapped it
        // with that field's path: the body is not JSON, whatever the field.
        JsonParseException syntax = cause(e, JsonParseException.class);
        if (syntax != null) {
            JsonParser parser = syntax.getProcessor();
            String field = parser != null ? fieldPath(parser.getParsingContext()) : null;
            if (field != null && syntax.getOriginalMessage().startsWith("Duplicate field")) {
                return Problem.of(400, "validation", "Invalid request", "The request has invalid fields.")
                        .withErrors(Map.of(field, "is given more than once"));
            }
            return malformedJson(syntax.getOriginalMessage().contains("UTF-8")
                    ? "The request body is not UTF-8 text" : "The request body is not valid JSON", syntax);
        }
        // A JsonMappingException with a path names the field: a value of the wrong type, format or
        // range (a number too large for its field arrives wrapped in one).
        String where = mappingPath(e);
        if (where != null) {
            return Problem.of(400, "validation", "Invalid request", "The request has invalid fields.")
                    .withErrors(Map.of(where, WRONG_TYPE));
        }
        // Valid JSON, but an array, a string or a number where the operation reads an object. Text
        // after the value is reported the same way by Jackson, and is not JSON.
        if (e instanceof MismatchedInputException && !e.getOriginalMessage().startsWith("Trailing token")) {
            return Problem.of(400, "validation", "Invalid request", "The request has invalid fields.")
                    .withErrors(Map.of("request", "must be a JSON object"));
        }
        return malformedJson("The request body is not valid JSON", e);
    }

    private static Problem malformedJson(String what, JsonProcessingException e) {
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of(400, "malformed-json", "Malformed JSON", what + location + ".");
    }

    /** The first throwable of the given type in the cause chain, or null. */
    /**
     * The first {@code type} among the causes of {@code e} and the exceptions they suppressed: the
     * transaction manager reports a resource's failed commit as one suppressed by its RollbackException.
     */
    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                T found = cause(suppressed, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String slug(String reason) {
        return reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    static String detailFor(int code) {
        return switch (code) {
            case 404 -> "No resource exists at this path.";
            case 405 -> "This resource does not support that HTTP method.";
            case 406 -> "The resource cannot produce the requested media type.";
            case 415 -> "The request's Content-Type is not accepted here.";
            default -> "The request could not be processed.";
        };
    }
}
