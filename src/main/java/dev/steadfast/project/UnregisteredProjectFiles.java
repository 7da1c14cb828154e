package dev.steadfast.project;

import dev.steadfast.project.registry.ProjectIds;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * Names, at every boot, the files in {@code projects/} that belong to no project of the catalog:
 * after a catalog restored from a backup older than some projects, or a file copied in by hand.
 * Their projects are neither listed nor served, so without a word their data would look lost.
 * They are left exactly as they are: registering a file is an operator's decision. Files of
 * creations a crash cut short, still under their unfinished name, are removed first: they never
 * became a project.
 */
@ApplicationScoped
class UnregisteredProjectFiles {

    private static final Logger LOG = Logger.getLogger(UnregisteredProjectFiles.class);
    /** Enough names to find them; the rest are counted. */
    private static final int NAMED = 10;

    private final ProjectFiles files;
    private final ProjectIds projectIds;

    UnregisteredProjectFiles(ProjectFiles files, ProjectIds projectIds) {
        this.files = files;
        this.projectIds = projectIds;
    }

    /** After the registered files are migrated (boot step 4), before readiness. */
    void onStart(@Observes @Priority(31) StartupEvent event) {
        List<String> unfinished = files.removeUnfinishedCreations();
        if (!unfinished.isEmpty()) {
            LOG.infof("Removed the unfinished file(s) of %d project creation(s) a crash cut short (%s): no such project"
                    + " was registered, and no client was told it had been created", unfinished.size(), named(unfinished));
        }
        List<String> unregistered = unregistered();
        if (unregistered.isEmpty()) {
            return;
        }
        LOG.warn(warning(unregistered, files.directory()));
    }

    /** The WARN: which files, and the two ways they arise with the way out of each. */
    static String warning(List<String> unregistered, Path directory) {
        return unregistered.size() + " file(s) in " + directory + " belong to no project of the catalog ("
                + named(unregistered) + "): they are neither listed nor served, and are left as they are. If the catalog"
                + " was restored from a backup older than these projects, restore a newer one (see Restore in"
                + " docs/operations.md). A crash in the instant between a new project's file being put in place and its"
                + " registration also leaves such a file (a project never acknowledged to its client): such a file may be"
                + " moved out of projects/, as may files copied in by hand.";
    }

    private static String named(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(NAMED, ids.size())))
                + (ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "");
    }

    List<String> unregistered() {
        var registered = new HashSet<>(projectIds.withAFile());
        return files.idsOfFiles().stream().filter(id -> !registered.contains(id)).toList();
    }
}
