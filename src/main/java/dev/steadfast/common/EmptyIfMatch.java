package dev.steadfast.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * 412 for an {@code If-Match} that is present but holds nothing. The REST layer hands a header
 * parameter's lines over without the empty ones, so such a header would reach the operation as no
 * header at all, and the change would go ahead whatever the state: a client whose tag went missing
 * would silently overwrite someone else's change. A list of no entity tags matches no state.
 */
@Provider
@Conditional
public class EmptyIfMatch implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> lines = request.getHeaders().get(HttpHeaders.IF_MATCH);
        if (lines != null && !lines.isEmpty() && lines.stream().allMatch(line -> line == null || line.isBlank())) {
            throw new ProblemException(Problem.of(412, "precondition-failed", "Precondition Failed",
                    "If-Match holds no entity tag: send the tag of the state you read, or * to apply the request whatever the state."));
        }
    }
}
