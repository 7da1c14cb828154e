package dev.steadfast.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Turns a bearer token into a security identity whose single role is the user's role. */
@ApplicationScoped
public class BearerTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final TokenService tokens;
    private final TokenCache cache;

    BearerTokenIdentityProvider(TokenService tokens, TokenCache cache) {
        this.tokens = tokens;
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        // A recently resolved token is answered from memory, on the calling thread: no transaction, no query.
        if (TokenService.isTokenShaped(token)) {
            Optional<Caller> cached = cache.get(TokenService.sha256(token));
            if (cached.isPresent()) {
                return Uni.createFrom().item(identityOf(cached.get()));
            }
        }
        // The lookup is a database read: off the event loop.
        return context.runBlocking(() -> tokens.resolve(token)
                .map(BearerTokenIdentityProvider::identityOf)
                .orElseThrow(AuthenticationFailedException::new));
    }

    private static SecurityIdentity identityOf(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.username()))
                .addRole(caller.role().name())
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }
}
