package dev.steadfast.project;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The boot's WARN about files no project of the catalog registers names both causes: an old catalog
 * (restore a newer one) and a project creation cut short by a crash (the half-built file may go).
 */
class UnregisteredProjectFilesTest {

    @Test
    void shouldNameACreationInterruptedByACrashBesideAnOldCatalog() {
        String warning = UnregisteredProjectFiles.warning(List.of("a", "b"), Path.of("/data/projects"));

        assertThat(warning, containsString("2 file(s) in /data/projects belong to no project of the catalog (a, b)"));
        assertThat(warning, containsString("restore a newer one (see Restore in docs/operations.md)"));
        assertThat(warning, containsString("A crash in the instant between a new project's file being put in place and"
                + " its registration also leaves such a file (a project never acknowledged to its client): such a file"
                + " may be moved out of projects/"));
    }
}
