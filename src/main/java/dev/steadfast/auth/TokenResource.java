package dev.steadfast.auth;

import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.JsonBody;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signing in (credentials for a token) and signing out (revoking the token in use). */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@Path("/api/auth/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class TokenResource {

    private final TokenService tokens;
    private final SecurityIdentity identity;

    TokenResource(TokenService tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @POST
    @PermitAll
    @SecurityRequirementsSet
    @Operation(summary = "Exchange a username and password for a bearer token")
    @APIResponse(responseCode = "201", description = "Issued: the token is shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedToken.class)))
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(IssueTokenRequest request) {
        BodyConstraints.check(request);
        // The answer holds a secret: no cache along the way may keep it (RFC 6749 5.1 asks the same).
        return Response.status(Response.Status.CREATED).entity(tokens.issue(request))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Path("/current")
    @Authenticated
    @Operation(summary = "Revoke the token used for this request")
    public void revokeCurrent() {
        tokens.revoke(Caller.of(identity).tokenId());
    }
}
