package dev.steadfast.user;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.AlwaysRefused;
import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.JsonBody;
import dev.steadfast.common.Page;
import dev.steadfast.common.PageParams;
import dev.steadfast.common.Problem;
import dev.steadfast.common.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The users API: everyone sees and secures their own account; admins manage all accounts. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    private final UserService users;
    private final SecurityIdentity identity;

    UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The calling user")
    public UserView me() {
        return users.get(caller().userId());
    }

    /**
     * Only read: without these, a PATCH or DELETE of /me reached the admin's /{id} operations and
     * was a 404 ("me" is no id) for an admin and a 405 for anyone else.
     */
    @PATCH
    @Path("/me")
    @Authenticated
    @AlwaysRefused
    @Operation(summary = "Not allowed: change your password with PUT /api/users/me/password; an ADMIN changes a user by id")
    @APIResponse(responseCode = "405", description = "Always: /api/users/me is only read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void changeMe() {
        throw onlyRead();
    }

    @DELETE
    @Path("/me")
    @Authenticated
    @AlwaysRefused
    @Operation(summary = "Not allowed: an ADMIN deletes a user by id")
    @APIResponse(responseCode = "405", description = "Always: /api/users/me is only read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void deleteMe() {
        throw onlyRead();
    }

    private static ProblemException onlyRead() {
        return new ProblemException(Problem.of(405, "method-not-allowed", "Method Not Allowed",
                "/api/users/me is only read: change your password with PUT /api/users/me/password; an ADMIN changes"
                        + " or deletes a user at /api/users/{id}."));
    }

    @PUT
    @Path("/me/password")
    @Authenticated
    @Operation(summary = "Change your own password (other tokens of yours are revoked)")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public void changeOwnPassword(ChangePasswordRequest request) {
        BodyConstraints.check(request, body -> users.passwordErrors("newPassword", body.newPassword()));
        users.changeOwnPassword(caller(), request);
    }

    @GET
    @RolesAllowed("ADMIN")
    @Operation(summary = "List users, oldest first")
    public Page<UserView> list(@BeanParam PageParams params) {
        PageParams.PageRequest page = params.toRequest();
        return users.list(page.page(), page.size());
    }

    @POST
    @RolesAllowed("ADMIN")
    @Operation(summary = "Create a user")
    @APIResponse(responseCode = "409", description = "A user by that name already exists (names ignore case)")
    @APIResponse(responseCode = "201", description = "Created; Location names the user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateUserRequest request,
                           @Context UriInfo uri) {
        BodyConstraints.check(request, body -> users.passwordErrors("password", body.password()));
        UserView created = users.create(request, caller());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("ADMIN")
    @Operation(summary = "One user")
    public UserView get(@PathParam("id") long id) {
        return users.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Change a user's email, role, active flag or password")
    @APIResponse(responseCode = "200", description = "The user as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "409", description = "The user is the last active admin and would be disabled or demoted")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView update(@PathParam("id") long id,
                           UpdateUserRequest request) {
        BodyConstraints.check(request, body -> users.passwordErrors("password", body.password()));
        return users.update(id, request, caller());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Delete a user and their tokens")
    @APIResponse(responseCode = "204", description = "Deleted, with every token of theirs")
    @APIResponse(responseCode = "409", description = "The user is the last active admin")
    public void delete(@PathParam("id") long id) {
        users.delete(id, caller());
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
