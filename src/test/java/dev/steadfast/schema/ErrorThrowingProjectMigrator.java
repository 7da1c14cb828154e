package dev.steadfast.schema;

import dev.steadfast.common.SteadfastConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;

import java.nio.file.Path;

/**
 * The real migrator, except that checking one project's file fails with an {@link Error} rather than
 * an exception, as a stack overflow or a native library that fails to link would.
 */
public final class ErrorThrowingProjectMigrator extends ProjectMigrator {

    private final String failingProject;

    private ErrorThrowingProjectMigrator(String failingProject) {
        super(Arc.container().instance(SteadfastConfig.class).get(), Arc.container().instance(Snapshots.class).get(),
                Arc.container().instance(MeterRegistry.class).get());
        this.failingProject = failingProject;
    }

    /** For {@code QuarkusMock.installMockForType(…, ProjectMigrator.class)}. */
    public static ProjectMigrator failingOn(String projectId) {
        return new ErrorThrowingProjectMigrator(projectId);
    }

    @Override
    public FileCheck check(Path file) {
        if (file.getFileName().toString().startsWith(failingProject)) {
            throw new StackOverflowError("simulated while checking " + file);
        }
        return super.check(file);
    }
}
