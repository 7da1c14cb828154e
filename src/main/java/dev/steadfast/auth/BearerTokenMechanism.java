package dev.steadfast.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steadfast.common.Problem;
import dev.steadfast.common.ProblemMappers;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Reads {@code Authorization: Bearer <token>} and hands the token to {@link BearerTokenIdentityProvider}. */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String SCHEME = "Bearer";

    private final String credentialsRequired;
    private final String tokenRejected;

    BearerTokenMechanism(ObjectMapper json) throws JsonProcessingException {
        credentialsRequired = json.writeValueAsString(
                Problem.of(401, "unauthorized", "Unauthorized", ProblemMappers.CREDENTIALS_REQUIRED));
        tokenRejected = json.writeValueAsString(
                Problem.of(401, "unauthorized", "Unauthorized", ProblemMappers.TOKEN_REJECTED));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context);
        if (token == null) {
            return Uni.createFrom().nullItem(); // anonymous: endpoints that need a caller answer 401
        }
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
    }

    /**
     * The 401 of a route the HTTP layer protects ({@code /q/metrics}): Quarkus' own challenge is the
     * status and {@code WWW-Authenticate} alone, an empty body where REST operations answer the
     * problem document ({@link ProblemMappers}). Same body, same header here.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().headWritten()) {
            context.response().setStatusCode(401).putHeader("WWW-Authenticate", SCHEME)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(bearerToken(context) == null ? credentialsRequired : tokenRejected);
        }
        return Uni.createFrom().item(true);
    }

    /** The token of an {@code Authorization: Bearer} header, or null without one. */
    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return null;
        }
        return header.substring(SCHEME.length() + 1).strip();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", SCHEME));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
