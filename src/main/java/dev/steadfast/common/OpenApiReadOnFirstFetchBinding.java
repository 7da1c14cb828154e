package dev.steadfast.common;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.MethodConfig;

import java.util.List;

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

    /** Reads a build-time document into a model; Quarkus calls it at startup, once per document. */
    static final String READ = "prepareDocument";
    /** Answers a fetch of {@code /q/openapi}, from the model read. */
    static final String FETCH = "getDocument";

    @Enhancement(types = OpenApiDocumentService.class)
    public void bind(ClassConfig service) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<MethodConfig> bound = service.methods().stream()
                .filter(method -> method.info().name().equals(READ) || method.info().name().equals(FETCH))
                .toList();
        // One of each, or Quarkus has changed them: fail the build rather than hold a read no fetch makes.
        if (bound.size() != 2 || bound.stream().map(method -> method.info().name()).distinct().count() != 2) {
            throw new IllegalStateException(service.info().name() + " no longer has exactly one " + READ
                    + " and one " + FETCH + "; revisit " + OpenApiReadOnFirstFetchInterceptor.class.getName());
        }
        bound.forEach(method -> method.addAnnotation(OpenApiReadOnFirstFetch.class));
    }
}
