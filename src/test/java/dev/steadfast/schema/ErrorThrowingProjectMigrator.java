package dev.steadfast.schema;

import dev.steadfast.common.SteadfastConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The real migrator, except that checking one project's file fails with an {@link Error} rather than
 * an exception, as a stack overflow or a native library that fails to link would.
 */
public final class ErrorThrowingProjectMigrator extends ProjectMigrator {

    private final String failingProject;
    private final Function<String, Error> error;

    private ErrorThrowingProjectMigrator(String failingProject, Function<String, Error> error) {
        super(Arc.container().instance(SteadfastConfig.class).get(), Arc.container().instance(Snapshots.class).get(),
                Arc.container().instance(MeterRegistry.class).get());
        this.failingProject = failingProject;
        this.error = error;
    }

    /** For {@code QuarkusMock.installMockForType(…, ProjectMigrator.class)}. */
    public static ProjectMigrator failingOn(String projectId) {
        return failingOn(projectId, StackOverflowError::new);
    }

    /** Fails with the error {@code error} makes of a message naming the file. */
    public static ProjectMigrator failingOn(String projectId, Function<String, Error> error) {
        return new ErrorThrowingProjectMigrator(projectId, error);
    }

    @Override
    public FileCheck check(Path file) {
        if (file.getFileName().toString().startsWith(failingProject)) {
            throw error.apply("simulated while checking " + file);
        }
        return super.check(file);
    }
}
