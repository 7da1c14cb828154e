package dev.steadfast.project;

import dev.steadfast.common.ProblemException;
import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.datadir.DataDirectory.Subdirectory;
import dev.steadfast.datadir.DurableFiles;
import dev.steadfast.schema.ProjectMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where project files live and the two things done to them as files: creating a new one
 * (migrated and holding its own project row) and moving one to {@code archive/}. The service never
 * deletes a project's file; only a file it was creating when the creation failed, or a crash cut
 * it short, is removed.
 */
@ApplicationScoped
public class ProjectFiles {

    private static final Logger LOG = Logger.getLogger(ProjectFiles.class);
    private static final String FILE_SUFFIX = ".db";
    /** A project file being created, until it is whole and renamed to {@code <id>.db}. */
    private static final String UNFINISHED_SUFFIX = ".db.unfinished";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DataDirectory dataDirectory;
    private final ProjectMigrator migrator;

    ProjectFiles(DataDirectory dataDirectory, ProjectMigrator migrator) {
        this.dataDirectory = dataDirectory;
        this.migrator = migrator;
    }

    /** Where every ACTIVE or ARCHIVED project's file is: {@code projects/}. */
    public Path directory() {
        return dataDirectory.directory(Subdirectory.PROJECTS);
    }

    public Path file(String projectId) {
        return directory().resolve(projectId + FILE_SUFFIX);
    }

    /** The project ids that files in {@code projects/} are named after, registered or not. */
    public List<String> idsOfFiles() {
        return filesEndingWith(FILE_SUFFIX);
    }

    private List<String> filesEndingWith(String suffix) {
        Path projects = directory();
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(projects)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .map(name -> name.substring(0, name.length() - suffix.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + projects, e);
        }
    }

    /**
     * Files of this project in {@code archive/}, newest first. For a project still registered as
     * active, only a purge that could not be recorded, nor undone, leaves one there.
     */
    public List<Path> archivedFiles(String projectId) {
        Path archive = dataDirectory.directory(Subdirectory.ARCHIVE);
        if (!Files.isDirectory(archive)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(archive)) {
            return all.filter(p -> p.getFileName().toString().startsWith(projectId + "-") && p.toString().endsWith(".db"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Creates, migrates and seeds the file of a new project; on failure nothing is left behind. */
    public void create(String projectId, String name, String description, String createdBy, Instant now) {
        Path file = file(projectId);
        // Outside the try: a file already there is not this call's to remove.
        if (Files.exists(file)) {
            throw new IllegalStateException("Project file " + file + " already exists");
        }
        requireWritable("The project was not created", Subdirectory.PROJECTS);
        // Built under a name of its own and renamed only when whole: a crash while it is migrated and
        // seeded leaves a file that is plainly unfinished (removed at the next boot), not a
        // half-built <id>.db that looks like a project's.
        Path unfinished = unfinished(projectId);
        try {
            Files.createDirectories(file.getParent());
            migrator.create(projectId, unfinished);
            seed(unfinished, projectId, name, description, createdBy, now);
            emptyWal(unfinished);
            DurableFiles.moveIntoPlace(unfinished, file);
            removeWithSideFiles(unfinished); // SQLite's -shm, if it left one
        } catch (IOException | SQLException | RuntimeException e) {
            removeFailedCreation(projectId);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Undoes {@link #create} when the project could not be registered. */
    public void removeFailedCreation(String projectId) {
        removeWithSideFiles(unfinished(projectId));
        removeWithSideFiles(file(projectId));
    }

    /**
     * Removes what creations cut short by a crash left in {@code projects/}: files still under
     * their unfinished name were never renamed into place, so no project was registered for them
     * and no client was told one exists. Returns the ids of the projects whose creation they were.
     */
    public List<String> removeUnfinishedCreations() {
        List<String> ids = filesEndingWith(UNFINISHED_SUFFIX);
        ids.forEach(id -> removeWithSideFiles(unfinished(id)));
        return ids;
    }

    private Path unfinished(String projectId) {
        return directory().resolve(projectId + UNFINISHED_SUFFIX);
    }

    private static void removeWithSideFiles(Path file) {
        for (Path path : List.of(file, Path.of(file + "-wal"), Path.of(file + "-shm"), Path.of(file + "-journal"))) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warnf("Could not remove %s after a failed project creation: %s", path, e.getMessage());
            }
        }
    }

    /**
     * Moves a (closed) project file to {@code archive/<id>-<UTC time>.db}; returns the new path, or
     * empty when there was no file to move (an operator removed it): purging must still be possible.
     */
    public Optional<Path> moveToArchive(String projectId) {
        Path source = file(projectId);
        if (!Files.exists(source)) {
            return Optional.empty();
        }
        requireWritable("Project " + projectId + " was not purged", Subdirectory.PROJECTS, Subdirectory.ARCHIVE);
        Path target = dataDirectory.directory(Subdirectory.ARCHIVE).resolve(projectId + "-" + STAMP.format(Instant.now()) + ".db");
        try {
            Files.createDirectories(target.getParent());
            moveWithSideFiles(source, target);
            return Optional.of(target);
        } catch (IOException e) {
            if (Files.exists(source) && !Files.exists(target)) { // refused before anything moved
                String outcome = "Project " + projectId + " was not purged";
                LOG.warnf("%s: cannot move %s to %s (%s); make the file movable by the service user (owner, mode; if "
                        + "lsattr shows it immutable, chattr -i), then purge again", outcome, source, target, e);
                throw ProblemException.storageNotWritable(outcome + ": its file could not be moved into archive/."
                        + " Nothing was changed; retry once an operator has made it movable again.");
            }
            throw new UncheckedIOException("Cannot move " + source + " to " + target, e);
        }
    }

    /**
     * 503 before anything is changed when a directory the operation writes into cannot be written:
     * otherwise SQLite or a rename fails halfway with a 500. The path and the fix go to the log.
     */
    private void requireWritable(String outcome, Subdirectory... subdirectories) {
        for (Subdirectory subdirectory : subdirectories) {
            dataDirectory.unwritable(subdirectory).ifPresent(problem -> {
                LOG.warnf("%s: %s", outcome, problem);
                throw ProblemException.storageNotWritable(outcome + ": the service cannot write into its data directory's "
                        + subdirectory.displayName() + " directory. Nothing was changed; retry once an operator has made"
                        + " it writable again.");
            });
        }
    }

    /** Undoes {@link #moveToArchive} when the purge could not be recorded. */
    public void moveBackFromArchive(String projectId, Path archived) {
        Path target = file(projectId);
        try {
            moveWithSideFiles(archived, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + archived + " back to " + target, e);
        }
    }

    /**
     * The database file, then its -wal and -shm files (they belong to it). Three renames are not one,
     * so the WAL is first checkpointed into the file and emptied: whatever happens between the
     * renames, every committed row is in the database file itself.
     */
    private void moveWithSideFiles(Path source, Path target) throws IOException {
        try {
            emptyWal(source);
        } catch (IOException e) { // a safeguard, not a condition: the renames below move the WAL too
            LOG.warnf("Moving %s with its WAL as it is: %s", source, e.getMessage());
            // Commits in it may still await their group's sync, which will not find the log any more.
            DurableFiles.syncIfPresent(Path.of(source + "-wal"));
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        for (String suffix : List.of("-wal", "-shm")) {
            Path side = Path.of(source + suffix);
            if (Files.exists(side)) {
                Files.move(side, Path.of(target + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Checkpoints a closed file's WAL into it and truncates the WAL to nothing. */
    private void emptyWal(Path file) throws IOException {
        if (!Files.exists(Path.of(file + "-wal"))) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(migrator.jdbcUrl(file));
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (result.next() && result.getInt(1) != 0) { // busy: a connection still reads or writes it
                throw new IOException("the WAL of " + file + " could not be checkpointed: the file is in use");
            }
        } catch (SQLException e) {
            throw new IOException("the WAL of " + file + " could not be checkpointed: " + e.getMessage(), e);
        }
    }

    /** The file's own rows: its project row, so the file describes itself, and its control state. */
    private void seed(Path file, String projectId, String name, String description, String createdBy, Instant now)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(migrator.jdbcUrl(file))) {
            connection.setAutoCommit(false);
            try (PreparedStatement project = connection.prepareStatement(
                    "INSERT INTO project (id, name, description, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement control = connection.prepareStatement(
                         "INSERT INTO control_state (id, paused, max_attempts, updated_at) VALUES (1, 0, 3, ?)")) {
                project.setString(1, projectId);
                project.setString(2, name);
                project.setString(3, description);
                project.setString(4, createdBy);
                project.setLong(5, now.toEpochMilli());
                project.setLong(6, now.toEpochMilli());
                project.executeUpdate();
                control.setLong(1, now.toEpochMilli());
                control.executeUpdate();
            }
            connection.commit();
        }
    }
}
