package dev.steadfast.common;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header: every operation needs the bearer scheme unless it says otherwise. */
@OpenAPIDefinition(
        info = @Info(title = "Steadfast API", version = "1",
                description = "Backend of a human-in-the-loop project workflow. Errors are RFC 9457 problem documents."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token from POST /api/auth/tokens")
public class OpenApiDefinition extends Application {
}
