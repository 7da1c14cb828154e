package dev.steadfast.project;

import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.datadir.WritableDatabaseFiles;
import dev.steadfast.project.registry.Project;
import dev.steadfast.project.registry.ProjectIds;
import dev.steadfast.schema.ProjectMigrator;
import dev.steadfast.schema.SchemaAdoption;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import dev.steadfast.common.Errors;
import dev.steadfast.common.SqliteDamage;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Boot step 4: every registered project file is brought to the newest schema before readiness,
 * several at once, with progress in the log. A file that cannot be opened or migrated is
 * quarantined (its endpoints answer 503) and the rest of the service serves.
 */
@ApplicationScoped
public class ProjectFileMigrations {

    private static final Logger LOG = Logger.getLogger(ProjectFileMigrations.class);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ProjectFiles files;
    private final ProjectMigrator migrator;
    private final SchemaAdoption adoption;
    private final ProjectDatabases databases;
    private final ProjectSchemaStates states;
    private final SteadfastConfig config;
    private final ProjectIds projectIds;
    /** Files found up to date by their history alone, without running Flyway (since start). */
    private final AtomicLong upToDate = new AtomicLong();
    /** Files handed to Flyway: validated, migrated, adopted or refused (since start). */
    private final AtomicLong throughFlyway = new AtomicLong();

    ProjectFileMigrations(ProjectFiles files, ProjectMigrator migrator, SchemaAdoption adoption, ProjectDatabases databases,
                          ProjectSchemaStates states, SteadfastConfig config, ProjectIds projectIds, MeterRegistry registry) {
        this.files = files;
        this.migrator = migrator;
        this.adoption = adoption;
        this.databases = databases;
        this.states = states;
        this.config = config;
        this.projectIds = projectIds;
        FunctionCounter.builder("steadfast.projects.schema.checks", upToDate, AtomicLong::get).tag("path", "up-to-date")
                .description("Project files whose history matched this build exactly: Flyway not run").register(registry);
        FunctionCounter.builder("steadfast.projects.schema.checks", throughFlyway, AtomicLong::get).tag("path", "flyway")
                .description("Project files validated and migrated (or refused) by Flyway").register(registry);
    }

    void onStart(@Observes @Priority(30) StartupEvent event) throws InterruptedException {
        List<String> ids = projectIds.active();
        ids.forEach(states::pending);
        if (ids.isEmpty()) {
            LOG.info("project databases: none registered");
            return;
        }
        long start = System.nanoTime();
        long upToDateBefore = upToDate.get();
        long throughFlywayBefore = throughFlyway.get();
        AtomicInteger done = new AtomicInteger();
        int parallelism = Math.max(1, config.projects().migrationParallelism());
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "project-migration");
            thread.setDaemon(true);
            return thread;
        });
        long[] lastReport = {System.nanoTime()};
        for (String id : ids) {
            workers.submit(() -> {
                migrateOne(id);
                int finished = done.incrementAndGet();
                synchronized (lastReport) {
                    if (System.nanoTime() - lastReport[0] > PROGRESS_INTERVAL_NANOS) {
                        lastReport[0] = System.nanoTime();
                        LOG.infof("project databases: %d/%d migrated", finished, ids.size());
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        LOG.infof("project databases: %d/%d migrated, %d quarantined, in %d ms; %d already up to date (history matched "
                        + "this build, Flyway not run), %d through Flyway", states.count(ProjectSchemaStates.State.MIGRATED),
                ids.size(), states.count(ProjectSchemaStates.State.QUARANTINED),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), upToDate.get() - upToDateBefore,
                throughFlyway.get() - throughFlywayBefore);
    }

    /** Brings one project file up to date, or quarantines it; returns the resulting state. */
    public ProjectSchemaStates.Entry migrateOne(String projectId) {
        return migrateOne(projectId, false);
    }

    /**
     * The admin's retry: {@link #migrateOne}, and first a {@code PRAGMA quick_check} of every page,
     * so that a file damaged beyond its header and history is not reported MIGRATED. It reads the
     * whole file: affordable for one file an admin asks about, not for every file at every boot.
     */
    public ProjectSchemaStates.Entry retryOne(String projectId) {
        return migrateOne(projectId, true);
    }

    private ProjectSchemaStates.Entry migrateOne(String projectId, boolean checkPages) {
        Path file = files.file(projectId);
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(missing(projectId, file));
            }
            // SQLite would open an unwritable file (or one beside it) read-only: reads served, every write a 500.
            WritableDatabaseFiles.firstUnwritable(file).ifPresent(unwritable -> {
                throw new IllegalStateException("project file " + WritableDatabaseFiles.problem(unwritable)
                        + ", then retry with POST /api/admin/projects/" + projectId + "/migrate");
            });
            ProjectMigrator.FileCheck check = migrator.check(file);
            requireOwnFile(projectId, file, check.owner());
            if (checkPages) { // before anything is written to it
                String damage = migrator.quickCheck(file);
                if (!damage.isEmpty()) {
                    throw new IllegalStateException(damaged(projectId, file, "PRAGMA quick_check: " + damage));
                }
            }
            if (check.upToDate()) {
                upToDate.incrementAndGet();
            } else {
                throughFlyway.incrementAndGet();
                adoption.adoptIfNeeded(ProjectMigrator.SET, "project " + projectId, file);
                int applied = migrator.migrate(projectId, file);
                if (applied > 0) {
                    LOG.infof("project %s: applied %d migration(s), now at version %s", projectId, applied,
                            migrator.newestKnown());
                }
            }
            states.migrated(projectId);
        } catch (RuntimeException | Error e) {
            // An Error too (a parser's stack overflow, a native library that fails to link): it
            // stays with this file, which would otherwise be left "not migrated yet" with the
            // readiness check DOWN until a restart, while the boot's worker pool dropped it unseen.
            String reason = e instanceof OutOfMemoryError
                    // The process, not the file, failed: say so, so that nobody restores a sound file.
                    ? "the service ran out of memory while checking this file (" + Errors.rootMessage(e) + "); the file"
                            + " itself may be sound: retry with POST /api/admin/projects/" + projectId + "/migrate"
                    // SQLite found the file damaged (its header, a page): name the file and the way out.
                    : SqliteDamage.found(e).map(found -> damaged(projectId, file, "SQLite: " + found))
                            .orElseGet(() -> Errors.rootMessage(e));
            states.quarantined(projectId, reason);
            closeQuarantined(projectId, reason);
        }
        return states.of(projectId);
    }

    /**
     * A request found the serving file damaged (SQLite reported it corrupt, or not a database: pages
     * the boot's check does not read): quarantined as a file that fails that check is, so its
     * routes answer 503 until an admin's retry finds it sound; the file itself is left as it is.
     */
    public void quarantineDamaged(String projectId, String found) {
        String reason = damaged(projectId, files.file(projectId), "SQLite: " + found);
        if (states.quarantinedWhileServing(projectId, reason)) {
            closeQuarantined(projectId, reason);
        }
    }

    /** Closes a quarantined file's connections (and the pages they cached) and tells the operator. */
    private void closeQuarantined(String projectId, String reason) {
        databases.close(projectId);
        LOG.errorf("project %s quarantined: %s", projectId, reason);
    }

    /** Why a damaged file is quarantined, and the way out. */
    private static String damaged(String projectId, Path file, String found) {
        return "project file " + file + " is damaged (" + found + "): restore it from a backup, then retry with"
                + " POST /api/admin/projects/" + projectId + "/migrate";
    }

    /** Why a file is missing, and the way out when a purge that could not be recorded left it in archive/. */
    private String missing(String projectId, Path file) {
        List<Path> archived = files.archivedFiles(projectId);
        if (archived.isEmpty()) {
            return "project file " + file + " is missing";
        }
        return "project file " + file + " is missing, and " + archived.get(0) + " is its file from a purge that"
                + " could not be recorded: move it to " + file + ", then retry its migration";
    }

    /**
     * A file serves its project only if its own project row names it: an empty database, another
     * project's file or a stranger's put in its place is quarantined before anything changes it.
     */
    private static void requireOwnFile(String projectId, Path file, Optional<String> recorded) {
        String owner = recorded.orElseThrow(() -> new IllegalStateException("project file " + file
                + " has no project row: it is an empty or foreign database, not this project's file"));
        if (!owner.equals(projectId)) {
            throw new IllegalStateException("project file " + file + " is the file of project " + owner
                    + ", copied or restored under the wrong name");
        }
    }

    /** How many files, since start, were found up to date by their history alone. */
    public long upToDateCount() {
        return upToDate.get();
    }

    /** How many files, since start, went through Flyway. */
    public long throughFlywayCount() {
        return throughFlyway.get();
    }
}
