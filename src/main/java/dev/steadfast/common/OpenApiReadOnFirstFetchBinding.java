package dev.steadfast.common;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;

/**
 * Puts {@link OpenApiReadOnFirstFetch} on the two methods of Quarkus's OpenAPI document service
 * that {@link OpenApiReadOnFirstFetchInterceptor} needs. The service is Quarkus's, so the binding
 * is added at build time through CDI's build-compatible extension API rather than in its source.
 *
 * <p>Only in the packaged service (JVM or native), whose boot is what the deferral is for. Dev and
 * test modes load Quarkus's classes and the application's in separate class loaders, and the
 * intercepting subclass CDI generates beside Quarkus's class could not see the binding annotation.
 * {@code OpenApiDocumentIT} checks the deferral on the packaged jar.
 */
public class OpenApiReadOnFirstFetchBinding implements BuildCompatibleExtension {

    /** Reads the build-time document into a model; Quarkus calls it once, at startup. */
    static final String READ = "prepareDocument";
    /** Answers a fetch of {@code /q/openapi}, from the model read. */
    static final String FETCH = "getDocument";

    @Enhancement(types = OpenApiDocumentService.class)
    public void bind(ClassConfig service) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        service.methods().stream()
                .filter(method -> method.info().name().equals(READ) || method.info().name().equals(FETCH))
                .forEach(method -> method.addAnnotation(OpenApiReadOnFirstFetch.class));
    }
}
