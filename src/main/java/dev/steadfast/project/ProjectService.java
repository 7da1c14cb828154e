package dev.steadfast.project;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.Descriptions;
import dev.steadfast.common.Errors;
import dev.steadfast.common.Page;
import dev.steadfast.common.ProblemException;
import dev.steadfast.project.control.ControlService;
import dev.steadfast.project.registry.Project;
import dev.steadfast.project.registry.ProjectStatus;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The project registry (catalog) and its files. Catalog and project-file work never share a
 * transaction: each file is its own database, and a change that touches both commits the file
 * first, then the registry.
 */
@ApplicationScoped
public class ProjectService {

    private static final Logger LOG = Logger.getLogger(ProjectService.class);
    private static final Pattern PROJECT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ProjectFiles files;
    private final ProjectDatabases databases;
    private final ProjectSchemaStates states;
    private final ProjectFileMigrations migrations;
    private final ProjectContext context;
    private final ControlService control;
    private final ProjectRowIds rowIds;
    private final GroupCommit groupCommit;
    private final AgroalDataSource catalog;
    /**
     * Projects seen ACTIVE in the catalog, so entering one costs no catalog query. Only archiving and
     * purging change a status; both call {@link #forgetActive} before and after committing, and
     * {@link #statusChanges} keeps a lookup that raced them from remembering what it read.
     */
    private final Set<String> knownActive = ConcurrentHashMap.newKeySet();
    private final AtomicLong statusChanges = new AtomicLong();

    ProjectService(ProjectFiles files, ProjectDatabases databases, ProjectSchemaStates states,
                   ProjectFileMigrations migrations, ProjectContext context, ControlService control,
                   ProjectRowIds rowIds, GroupCommit groupCommit, AgroalDataSource catalog) {
        this.catalog = catalog;
        this.files = files;
        this.databases = databases;
        this.states = states;
        this.migrations = migrations;
        this.context = context;
        this.control = control;
        this.rowIds = rowIds;
        this.groupCommit = groupCommit;
    }

    /** Creates the migrated file, then registers it; a failure leaves neither behind. */
    public ProjectView create(CreateProjectRequest request, Caller caller) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String name = request.name().strip();
        String description = Descriptions.stored(request.description());
        files.create(id, name, description, caller.username(), now);
        Project project;
        try {
            project = QuarkusTransaction.requiringNew().call(() -> {
                Project created = new Project();
                created.id = id;
                created.name = name;
                created.description = description;
                created.status = ProjectStatus.ACTIVE;
                created.createdBy = caller.username();
                created.createdAt = now;
                created.updatedAt = now;
                created.persist();
                return created;
            });
        } catch (RuntimeException e) {
            removeUnlessRegistered(id);
            throw e;
        }
        // Registered: from here on the file is the project's, whatever fails.
        states.migrated(id);
        LOG.infof("project %s created by %s", id, caller.username());
        return ProjectView.of(project, states.of(id));
    }

    /**
     * After a failed registration: removes the new file, unless the commit did land after all (an
     * error reported after the write reached the disk), in which case the file is the project's.
     */
    private void removeUnlessRegistered(String projectId) {
        boolean registered;
        try {
            registered = isRegistered(projectId);
        } catch (RuntimeException e) {
            LOG.warnf("project %s: registration failed and could not be checked (%s); its file %s is kept",
                    projectId, Errors.rootMessage(e), files.file(projectId));
            return;
        }
        if (registered) {
            LOG.warnf("project %s: registration reported a failure but was committed; its file is kept", projectId);
            states.migrated(projectId);
        } else {
            files.removeFailedCreation(projectId);
        }
    }

    /**
     * Reads the registry outside any transaction: a catalog transaction begins as a writer, and the
     * registration just failed most likely because the write lock stayed taken, so a transaction
     * would fail the same way, where a plain read in WAL mode sees the last commit without waiting.
     */
    private boolean isRegistered(String projectId) {
        try (Connection connection = catalog.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM projects WHERE id = ?")) {
            query.setString(1, projectId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Page<ProjectView> list(int page, int size, ProjectStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Project.find("status", Sort.ascending("createdAt", "id"), status).page(page, size);
            return new Page<>(query.<Project>list().stream().map(p -> ProjectView.of(p, states.of(p.id))).toList(),
                    page, size, query.count());
        });
    }

    public ProjectView get(String projectId) {
        return ProjectView.of(registered(projectId), states.of(projectId));
    }

    /**
     * Renames or redescribes a project, one at a time with the status changes ({@link #archive}):
     * a rename racing an archive passed its check while the project was active, then wrote the
     * registry after the archive, answering 200 with ARCHIVED and overwriting the archive's time.
     */
    public synchronized ProjectView update(String projectId, UpdateProjectRequest request) {
        Project current = registered(projectId);
        enter(projectId);
        String name = request.name() == null ? current.name : request.name().strip();
        String description = request.description() == null ? current.description : Descriptions.stored(request.description());
        if (name.equals(current.name) && Objects.equals(description, current.description)) {
            // Nothing to change in the registry, so the same updatedAt. The file is written only if
            // an earlier rename reached it but not the registry: it then describes itself truly again.
            control.rename(projectId, name, description, current.updatedAt);
            return ProjectView.of(current, states.of(projectId));
        }
        Instant now = Instant.now();
        control.rename(projectId, name, description, now); // the file first: it must describe itself truly
        Project updated = QuarkusTransaction.requiringNew().call(() -> {
            Project project = Project.findById(projectId);
            project.name = name;
            project.description = description;
            project.updatedAt = now;
            return project;
        });
        return ProjectView.of(updated, states.of(projectId));
    }

    /**
     * Archives: the file stays where it is, every endpoint of the project answers 410. Status
     * changes (archive, purge, migration retry) and renames run one at a time, each checking the
     * status the one before it left: racing purges moved the same file twice (a 500, or two 204s), and an archive
     * racing a purge overwrote PURGED with ARCHIVED while the file lay in archive/.
     */
    public synchronized void archive(String projectId) {
        registered(projectId);
        forgetActive(projectId);
        setStatus(projectId, ProjectStatus.ARCHIVED);
        forgetActive(projectId);
        databases.close(projectId);
        LOG.infof("project %s archived", projectId);
    }

    /** Moves the file to archive/ (it is never deleted) and marks the project purged; one at a time, as {@link #archive}. */
    public synchronized void purge(String projectId) {
        Project project = find(projectId);
        if (project.status == ProjectStatus.PURGED) {
            throw ProblemException.gone("Project " + projectId + " has already been purged.");
        }
        forgetActive(projectId);
        Optional<Path> archived;
        try (ProjectDatabases.Hold closed = databases.hold(projectId)) { // nobody reopens it mid-move
            archived = files.moveToArchive(projectId);
            try {
                setStatus(projectId, ProjectStatus.PURGED);
            } catch (RuntimeException e) { // the catalog still says ACTIVE: the file goes back where it serves
                archived.ifPresent(path -> putBack(projectId, path));
                throw e;
            }
        }
        forgetActive(projectId);
        states.forget(projectId);
        rowIds.forget(projectId);
        groupCommit.forget(projectId);
        if (archived.isPresent()) {
            LOG.infof("project %s purged: its file is now %s", projectId, archived.get());
        } else {
            LOG.warnf("project %s purged: it had no file to archive (%s was missing)", projectId, files.file(projectId));
        }
    }

    /**
     * Puts the file of a purge that could not be recorded back in place. If even that fails, the
     * project is quarantined with the way out in its reason, rather than left ACTIVE with no file.
     */
    private void putBack(String projectId, Path archived) {
        try {
            files.moveBackFromArchive(projectId, archived);
        } catch (RuntimeException e) {
            String reason = "its purge failed and its file could not be moved back from " + archived + " ("
                    + Errors.rootMessage(e) + "); move it to " + files.file(projectId) + ", then retry its migration";
            states.quarantined(projectId, reason);
            LOG.errorf("project %s quarantined: %s", projectId, reason);
        }
    }

    /**
     * Retries the migration of a project file (after an operator repaired or replaced it). One retry
     * at a time: two Flyway runs on one file could each restore their own snapshot over the other's
     * result. The project answers 503 while its file is checked; requests already working in it
     * finish first (bounded by the busy timeout), and none reopens the file until the check is done.
     */
    public synchronized ProjectSchemaStates.Entry retryMigration(String projectId) {
        registered(projectId);
        ProjectSchemaStates.Entry before = states.of(projectId);
        states.pending(projectId);
        ProjectSchemaStates.Entry after;
        try (ProjectDatabases.Hold closed = databases.hold(projectId)) {
            rowIds.forget(projectId); // a replaced file has its own highest ids
            after = migrations.retryOne(projectId);
        }
        if (before != null && before.state() == ProjectSchemaStates.State.QUARANTINED
                && after.state() == ProjectSchemaStates.State.MIGRATED) {
            // Else the log's last word on this project would stay the quarantine's ERROR.
            LOG.infof("project %s back in service after the admin's retry (was quarantined: %s)", projectId,
                    before.reason());
        }
        return after;
    }

    /**
     * Makes the request work in this project's file: 404 when unknown, 410 when archived, 503 when
     * its file is quarantined. Every project-scoped endpoint calls this first. A project already
     * seen ACTIVE is not looked up in the catalog again; its file's state is always checked.
     */
    public void enter(String projectId) {
        if (!knownActive.contains(projectId)) {
            long changesBefore = statusChanges.get();
            registered(projectId); // 404, 410
            knownActive.add(projectId);
            if (statusChanges.get() != changesBefore) {
                knownActive.remove(projectId); // archived or purged meanwhile: what was read may be stale
            }
        }
        ProjectSchemaStates.Entry schema = states.of(projectId);
        if (schema == null || schema.state() != ProjectSchemaStates.State.MIGRATED) {
            boolean quarantined = schema != null && schema.state() == ProjectSchemaStates.State.QUARANTINED;
            throw unavailable(projectId, quarantined ? "is quarantined" : "is not migrated yet");
        }
        context.enter(projectId);
    }

    /**
     * The answer to a request that found the file of the project it entered damaged (SQLite: corrupt,
     * or not a database): the project is quarantined (see {@link ProjectFileMigrations#quarantineDamaged})
     * and the request gets the quarantine's 503. Empty for a request that entered no project. A
     * request that entered a project works in its file: the catalog is read before entering (only a
     * rename writes it after, once the file is written).
     */
    public Optional<ProblemException> damagedFile(String found) {
        String projectId = context.projectId();
        if (projectId == null) {
            return Optional.empty();
        }
        migrations.quarantineDamaged(projectId, found);
        return Optional.of(unavailable(projectId, "is damaged, so it is quarantined"));
    }

    /** The reason (a path, a driver's message) is for admins: GET /api/admin/schema and the log. */
    private static ProblemException unavailable(String projectId, String why) {
        return ProblemException.unavailable("Project " + projectId + " is unavailable: its database " + why
                + ". An admin can see why in GET /api/admin/schema and retry with POST /api/admin/projects/"
                + projectId + "/migrate.");
    }

    /** 404 unless the catalog has a project with this id, whatever its status. */
    public void requireExisting(String projectId) {
        if (!knownActive.contains(projectId)) {
            find(projectId);
        }
    }

    /** 404 unless the catalog has a project with this id, 410 unless it is active; its file is not looked at. */
    public void requireActive(String projectId) {
        if (!knownActive.contains(projectId)) {
            registered(projectId);
        }
    }

    /** 404 unless the catalog has a project with this id, 410 once it is purged (an archived one can still be purged). */
    public void requireNotPurged(String projectId) {
        if (!knownActive.contains(projectId) && find(projectId).status == ProjectStatus.PURGED) {
            throw ProblemException.gone("Project " + projectId + " is purged.");
        }
    }

    private void forgetActive(String projectId) {
        statusChanges.incrementAndGet();
        knownActive.remove(projectId);
    }

    private Project registered(String projectId) {
        Project project = find(projectId);
        if (project.status != ProjectStatus.ACTIVE) {
            throw ProblemException.gone("Project " + projectId + " is " + project.status.name().toLowerCase() + ".");
        }
        return project;
    }

    private Project find(String projectId) {
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
            throw ProblemException.notFound("No project with id " + projectId + ".");
        }
        Project project = QuarkusTransaction.requiringNew().call(() -> Project.<Project>findById(projectId));
        if (project == null) {
            throw ProblemException.notFound("No project with id " + projectId + ".");
        }
        return project;
    }

    private void setStatus(String projectId, ProjectStatus status) {
        QuarkusTransaction.requiringNew().run(() -> {
            Project project = Project.findById(projectId);
            project.status = status;
            project.updatedAt = Instant.now();
        });
    }
}
