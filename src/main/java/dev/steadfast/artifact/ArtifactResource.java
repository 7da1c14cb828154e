package dev.steadfast.artifact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steadfast.auth.Caller;
import dev.steadfast.common.AlwaysRefused;
import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.ContentEncodings;
import dev.steadfast.common.Conditional;
import dev.steadfast.common.EntityTags;
import dev.steadfast.common.JsonBodyContentType;
import dev.steadfast.common.PercentEncoding;
import dev.steadfast.common.Page;
import dev.steadfast.common.PageParams;
import dev.steadfast.common.Problem;
import dev.steadfast.common.ProblemException;
import dev.steadfast.common.QueryEnums;
import dev.steadfast.common.QueryIds;
import dev.steadfast.common.SingleLineText;
import dev.steadfast.common.Utf8JsonBody;
import dev.steadfast.project.ProjectService;
import dev.steadfast.project.InsideProject;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A project's artifacts: uploaded as JSON text or as a raw body of any other type, downloaded with
 * the stored Content-Type and an ETag. Immutable: no PUT, PATCH or DELETE.
 */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@InsideProject
@Path("/api/projects/{projectId}/artifacts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "artifacts")
public class ArtifactResource {

    static final String DEFAULT_TEXT_TYPE = "text/plain; charset=utf-8";
    /** The longest media type stored, as CreateArtifactRequest.mediaType allows. */
    private static final int MAX_MEDIA_TYPE = 255;
    /** Both kinds of upload are one operation (same path and method). */
    private static final String UPLOAD_SUMMARY = "Upload an artifact: JSON {type, name, content, mediaType?, taskId?, runId?},"
            + " or a raw body of any other Content-Type with query parameters type, name, taskId?, runId?;"
            + " 413 beyond steadfast.projects.max-artifact-bytes";

    private static final Pattern TYPE_AND_SUBTYPE =
            Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final ProjectService projects;
    private final ArtifactService artifacts;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final long maxBodyBytes;

    ArtifactResource(ProjectService projects, ArtifactService artifacts, SecurityIdentity identity,
                     ObjectMapper json,
                     @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.projects = projects;
        this.artifacts = artifacts;
        this.identity = identity;
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    /**
     * One method for both kinds of upload, dispatching on the Content-Type itself. With two
     * {@code @POST} methods on this path, Quarkus REST chose between them in its MediaTypeMapper,
     * which lets the IllegalArgumentException of a malformed header ({@code Content-Type: foo})
     * escape: a 500. For a single method its routing answers such a header with a 415 (before
     * authentication), which ProblemMappers turns into a problem; a wildcard one, which parses, is
     * refused in {@link #uploadedMediaType}.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = UPLOAD_SUMMARY)
    @APIResponse(responseCode = "201", description = "Stored; Location names the artifact",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArtifactView.class)))
    @APIResponse(responseCode = "413", description = "The content is larger than steadfast.projects.max-artifact-bytes "
            + "(or the body than quarkus.http.limits.max-body-size); the detail names the limit")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreateArtifactRequest.class)),
            @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response upload(@PathParam("projectId") String projectId,
                           @QueryParam("type") @Parameter(schema = @Schema(implementation = ArtifactType.class)) String type,
                           @QueryParam("name") String name,
                           @QueryParam("taskId") String taskId, @QueryParam("runId") String runId,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_ENCODING) List<String> contentEncodings,
                           InputStream body, @Context UriInfo uri) throws IOException {
        ContentEncodings.refuseCoded(contentEncodings);
        if (contentType == null || contentType.isBlank()) {
            return uploadRaw(projectId, type, name, taskId, runId, MediaType.APPLICATION_OCTET_STREAM, body, uri);
        }
        MediaType parsed = uploadedMediaType(contentType);
        if ("application".equalsIgnoreCase(parsed.getType()) && "json".equalsIgnoreCase(parsed.getSubtype())) {
            JsonBodyContentType.requireUtf8(parsed);
            refuseRawUploadParameters(Map.of("type", Optional.ofNullable(type), "name", Optional.ofNullable(name),
                    "taskId", Optional.ofNullable(taskId), "runId", Optional.ofNullable(runId)));
            return uploadJson(projectId, readJson(body), uri);
        }
        return uploadRaw(projectId, type, name, taskId, runId, contentType.strip(), body, uri);
    }

    /**
     * A JSON upload takes its type, name and links from its body: the query parameters of a raw upload
     * given with one were ignored, a {@code ?taskId=} included, and the artifact stored unlinked.
     */
    private static void refuseRawUploadParameters(Map<String, Optional<String>> parameters) {
        Map<String, String> errors = new TreeMap<>();
        parameters.forEach((parameter, value) -> value.ifPresent(given -> errors.put(parameter,
                "is a query parameter of a raw upload; a JSON upload gives it in its body")));
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                    "The request has invalid query parameters.").withErrors(errors));
        }
    }

    private Response uploadJson(String projectId, CreateArtifactRequest request, UriInfo uri) {
        String mediaType = request.mediaType() == null ? DEFAULT_TEXT_TYPE
                : withUtf8IfText(utf8Only(checkedMediaType(request.mediaType())));
        if (mediaType.length() > MAX_MEDIA_TYPE) { // as stored: with the charset a text type is given
            throw ProblemException.invalid("mediaType", "must be at most " + MAX_MEDIA_TYPE
                    + " characters once a text type's \"; charset=utf-8\" is added");
        }
        byte[] content = request.content().getBytes(StandardCharsets.UTF_8);
        projects.enter(projectId);
        return created(artifacts.create(new ArtifactUpload(request.type(), request.name(), mediaType, content,
                request.taskId(), request.runId()), Caller.of(identity)), uri);
    }

    private Response uploadRaw(String projectId, String type, String name, String taskId, String runId,
                               String mediaType, InputStream body, UriInfo uri) {
        Map<String, String> errors = new LinkedHashMap<>();
        checkRawQuery(uri, errors);
        if (mediaType.length() > MAX_MEDIA_TYPE) { // what a JSON upload's mediaType may hold
            errors.put("Content-Type", "must be at most " + MAX_MEDIA_TYPE + " characters");
        }
        ArtifactType artifactType = parseType(type, errors);
        // The rules of CreateArtifactRequest.name, which a query parameter cannot carry as annotations.
        if (!SingleLineText.isVisible(name)) {
            errors.put("name", "is required");
        } else if (!SingleLineText.hasNoControls(name)) {
            errors.put("name", SingleLineText.NO_CONTROLS_MESSAGE);
        } else if (name.codePoints().count() > 200) { // characters, spaces around included, as @Size counts them in JSON
            errors.put("name", "must be at most 200 characters");
        }
        Long task = QueryIds.parse("taskId", taskId, errors);
        Long run = QueryIds.parse("runId", runId, errors);
        ProblemException.throwIfInvalid(errors);
        projects.enter(projectId); // before reading: an unknown or archived project needs no upload
        byte[] content = readWithinLimit(body);
        return created(artifacts.create(new ArtifactUpload(artifactType, name, mediaType, content, task, run),
                Caller.of(identity)), uri);
    }

    @GET
    @Operation(summary = "List artifacts' metadata, oldest first, optionally by type, task and run")
    public Page<ArtifactView> list(@PathParam("projectId") String projectId, @BeanParam PageParams params,
                                   @QueryParam("type") @Parameter(schema = @Schema(implementation = ArtifactType.class)) String type,
                                   @QueryParam("taskId") String taskId,
                                   @QueryParam("runId") String runId) {
        Map<String, String> errors = new LinkedHashMap<>();
        PageParams.PageRequest page = params.toRequest(errors);
        ArtifactType typeFilter = QueryEnums.parse(ArtifactType.class, "type", type, errors);
        Long taskFilter = QueryIds.parse("taskId", taskId, errors);
        Long runFilter = QueryIds.parse("runId", runId, errors);
        ProblemException.throwIfInvalid(errors);
        projects.enter(projectId);
        return artifacts.list(page.page(), page.size(), typeFilter, taskFilter, runFilter);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One artifact's metadata")
    public ArtifactView get(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        projects.enter(projectId);
        return artifacts.get(id);
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download the content with its stored Content-Type; ETag is the quoted sha256, If-None-Match gives 304")
    @Conditional
    public Response content(@PathParam("projectId") String projectId, @PathParam("id") long id,
                            @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) List<String> ifNoneMatch) {
        projects.enter(projectId);
        ArtifactView artifact = artifacts.get(id);
        EntityTag tag = new EntityTag(artifact.sha256());
        // The content never changes, so a matching tag is answered without reading it. If-Match
        // goes first, as RFC 9110 orders them.
        if (EntityTags.matchFails(EntityTags.combined(ifMatch), artifact.sha256())) {
            throw ProblemException.preconditionFailed("Artifact " + id + " holds the content "
                    + EntityTags.quoted(artifact.sha256()) + ", which the If-Match does not name (an artifact never changes).",
                    artifact.sha256());
        }
        if (EntityTags.noneMatchHits(EntityTags.combined(ifNoneMatch), artifact.sha256())) {
            return Response.notModified().tag(tag).build();
        }
        // Uploaded bytes, served from the API's own origin: never rendered in place (stored HTML
        // would run as the service's page) nor sniffed into another type than the stored one.
        // Content-Length stated, not left to the writer: a HEAD writes no body, and a client asks
        // with HEAD how large a download would be.
        return Response.ok(artifacts.content(id)).type(artifact.mediaType()).tag(tag)
                .header(HttpHeaders.CONTENT_LENGTH, artifact.size())
                .header("Content-Disposition", "attachment").header("X-Content-Type-Options", "nosniff").build();
    }

    @PUT
    @Path("/{id}")
    @AlwaysRefused
    @Operation(summary = "Not allowed: artifacts are never changed")
    @APIResponse(responseCode = "405", description = "Always: artifacts are never changed or deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void replace(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        throw immutable();
    }

    @PATCH
    @Path("/{id}")
    @AlwaysRefused
    @Operation(summary = "Not allowed: artifacts are never changed")
    @APIResponse(responseCode = "405", description = "Always: artifacts are never changed or deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void patch(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        throw immutable();
    }

    @DELETE
    @Path("/{id}")
    @AlwaysRefused
    @Operation(summary = "Not allowed: artifacts are never deleted")
    @APIResponse(responseCode = "405", description = "Always: artifacts are never changed or deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        throw immutable();
    }

    private static Response created(ArtifactView artifact, UriInfo uri) {
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(artifact.id())).build())
                .entity(artifact).build();
    }

    /** Reads at most one byte past the limit: a huge body is refused without being held in memory. */
    private byte[] readWithinLimit(InputStream body) {
        long limit = artifacts.maxBytes();
        try (InputStream in = body) {
            byte[] content = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (content.length > limit) {
                throw artifacts.tooLarge(null);
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded body", e);
        }
    }

    /**
     * The JSON body as the REST layer would have read it for a JSON parameter of the other endpoints:
     * the service's ObjectMapper (unknown fields and enum numbers refused), an empty body or
     * {@code null} as "a JSON body is required", then its constraints. JSON errors reach
     * ProblemMappers as from any other endpoint.
     */
    private CreateArtifactRequest readJson(InputStream body) throws IOException {
        CreateArtifactRequest request = null;
        try (JsonParser parser = json.createParser(Utf8JsonBody.utf8Only(body, maxBodyBytes))) {
            JsonToken first = parser.nextToken();
            if (first != null && first != JsonToken.VALUE_NULL) {
                request = json.readValue(parser, CreateArtifactRequest.class);
            }
        }
        return BodyConstraints.check(request);
    }

    /**
     * The request's Content-Type, parsed: a 415 when it is not a concrete media type. Quarkus REST
     * already refuses one it cannot parse before this method runs; the catch keeps that a 415 should
     * it stop doing so.
     */
    private static MediaType uploadedMediaType(String contentType) {
        if (!isHeaderText(contentType)) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "The request's Content-Type holds characters outside printable ASCII; it is stored with the artifact"
                            + " and sent back as a header."));
        }
        MediaType parsed = null;
        try {
            parsed = MediaType.valueOf(contentType.strip());
        } catch (IllegalArgumentException e) { // only MediaType.valueOf is in this try
            // reported below
        }
        if (parsed == null || !hasTokenTypeAndSubtype(contentType)) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "The request's Content-Type is not a media type such as application/json or text/plain."));
        }
        String unclear = unclearParameters(contentType);
        if (unclear != null) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "The request's Content-Type has " + unclear + "."));
        }
        if (parsed.isWildcardType() || parsed.isWildcardSubtype()) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "The request's Content-Type must name one media type, not a wildcard: it is stored with the artifact."));
        }
        return parsed;
    }

    /** A media type the download can send back as its Content-Type. */
    private static String checkedMediaType(String value) {
        String stripped = value.strip();
        if (!isHeaderText(stripped)) {
            throw ProblemException.invalid("mediaType", "must be printable ASCII: it is sent back as the download's Content-Type");
        }
        try {
            MediaType parsed = MediaType.valueOf(stripped);
            if (!parsed.isWildcardType() && !parsed.isWildcardSubtype() && hasTokenTypeAndSubtype(stripped)) {
                String unclear = unclearParameters(stripped);
                if (unclear != null) {
                    throw ProblemException.invalid("mediaType", "must not have " + unclear);
                }
                return stripped;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ProblemException.invalid("mediaType", "must be a media type such as text/markdown or application/json");
    }

    /**
     * What makes a media type's parameters unclear ("… has " it), or null: one named twice
     * ({@code charset=latin1; charset=utf-8}, where the parser keeps the last and a client may read
     * the first, so the UTF-8 rule could be passed while the download says Latin-1), or an empty one
     * ({@code text/plain;}). A quoted value may hold a {@code ;}.
     */
    static String unclearParameters(String mediaType) {
        Set<String> seen = new HashSet<>();
        int at = mediaType.indexOf(';');
        while (at >= 0) {
            int end = at + 1;
            int equals = -1;
            boolean quoted = false;
            for (; end < mediaType.length(); end++) {
                char c = mediaType.charAt(end);
                if (quoted) {
                    if (c == '\\') {
                        end++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == '=' && equals < 0) {
                    equals = end;
                } else if (c == ';') {
                    break;
                }
            }
            String name = mediaType.substring(at + 1, equals < 0 ? end : equals).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                return "an empty parameter (a ';' with no name=value after it)";
            }
            if (!seen.add(name)) {
                return "the parameter " + name + " twice";
            }
            at = end < mediaType.length() ? end : -1;
        }
        return null;
    }

    /**
     * Whether the media type before its parameters is {@code type/subtype}, each an RFC 9110 token:
     * the parser also takes {@code text/ plain}, which a client reading the download's Content-Type
     * may not.
     */
    private static boolean hasTokenTypeAndSubtype(String mediaType) {
        return TYPE_AND_SUBTYPE.matcher(mediaType.split(";", 2)[0].strip()).matches();
    }

    /**
     * Printable ASCII, spaces and tabs only: what the download can send back as its Content-Type.
     * A quoted parameter may hold a line break that the media type parser accepts but the HTTP
     * layer refuses in a header, which left an artifact that could never be downloaded (a 500).
     */
    private static boolean isHeaderText(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    }

    /**
     * JSON text is stored as UTF-8, so a media type naming another charset would make every download
     * decode the bytes wrongly ("café" read back as "cafÃ©"). Other encodings go as a raw upload.
     */
    private static String utf8Only(String mediaType) {
        for (Map.Entry<String, String> parameter : MediaType.valueOf(mediaType).getParameters().entrySet()) {
            if ("charset".equalsIgnoreCase(parameter.getKey())
                    && !StandardCharsets.UTF_8.name().equalsIgnoreCase(parameter.getValue().replace("\"", ""))) {
                throw ProblemException.invalid("mediaType", "must name charset=utf-8 or no charset: JSON text is stored"
                        + " as UTF-8 (upload other encodings as a raw body)");
            }
        }
        return mediaType;
    }

    /**
     * A JSON upload's content is stored as UTF-8: a text type that names no charset gets that one,
     * or a client reading {@code text/html} without it decodes the bytes as its default (often
     * ISO-8859-1) and mangles every non-ASCII character.
     */
    private static String withUtf8IfText(String mediaType) {
        MediaType parsed = MediaType.valueOf(mediaType);
        boolean namesCharset = parsed.getParameters().keySet().stream().anyMatch("charset"::equalsIgnoreCase);
        return "text".equalsIgnoreCase(parsed.getType()) && !namesCharset ? mediaType + "; charset=utf-8" : mediaType;
    }

    /**
     * A raw upload's metadata comes as query parameters: percent-encoded bytes that are not UTF-8
     * ({@code name=%FF}) would be stored as U+FFFD. (Misspelled or repeated parameters are refused
     * by KnownQueryParameters before this runs.)
     */
    private static void checkRawQuery(UriInfo uri, Map<String, String> errors) {
        String query = uri.getRequestUri().getRawQuery();
        for (String pair : query == null || query.isEmpty() ? new String[0] : query.split("&")) {
            String key = pair.split("=", 2)[0];
            if (!PercentEncoding.isUtf8(pair)) {
                errors.put(PercentEncoding.isUtf8(key) ? PercentEncoding.decode(key) : "query",
                        "is not UTF-8 text once its percent-encoded bytes are decoded");
            }
        }
    }

    private static ArtifactType parseType(String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put("type", "is required (" + QueryEnums.allowed(ArtifactType.class).substring("must be ".length()) + ")");
            return null;
        }
        return QueryEnums.parse(ArtifactType.class, "type", value, errors);
    }

    private static ProblemException immutable() {
        return new ProblemException(Problem.of(405, "method-not-allowed", "Method Not Allowed",
                "Artifacts are never changed or deleted; upload a new one instead."));
    }
}
