package dev.steadfast.datadir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirectoryTest {

    @Test
    void shouldCreateAMissingDirectory(@TempDir Path tmp) {
        Path wanted = tmp.resolve("a/b/data");
        assertEquals(wanted, DataDirectory.resolve(wanted.toString()));
        assertTrue(Files.isDirectory(wanted));
    }

    @Test
    void shouldRefuseAnEmptyValueRatherThanFallBack() {
        var error = assertThrows(IllegalStateException.class, () -> DataDirectory.resolve("  "));
        assertTrue(error.getMessage().contains("set but empty"), error.getMessage());
    }

    @Test
    void shouldRefuseAPathWithAQuestionMarkBeforeCreatingAnything(@TempDir Path tmp) {
        Path wanted = tmp.resolve("data?v=2");
        var error = assertThrows(IllegalStateException.class, () -> DataDirectory.resolve(wanted.toString()));
        assertTrue(error.getMessage().contains("contains '?'"), error.getMessage());
        assertFalse(Files.exists(wanted), "nothing is created for a refused path");
    }

    @Test
    void shouldRefuseAPathThatIsAFile(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        var error = assertThrows(IllegalStateException.class, () -> DataDirectory.resolve(file.toString()));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void shouldRefuseACatalogWhoseFilesTheServiceCannotWrite(@TempDir Path tmp) throws Exception {
        Path catalog = Files.writeString(tmp.resolve(DataDirectory.CATALOG_FILE), "x");
        Path shm = Files.writeString(tmp.resolve(DataDirectory.CATALOG_FILE + "-shm"), "");
        DataDirectory.requireWritableCatalog(catalog);

        for (Path file : new Path[] {catalog, shm}) {
            try (var unwritable = UnwritableFile.make(file)) {
                var error = assertThrows(IllegalStateException.class,
                        () -> DataDirectory.requireWritableCatalog(catalog));
                assertTrue(error.getMessage().contains(file + " is not writable by the service user")
                        && error.getMessage().contains("Refusing to start"), error.getMessage());
            }
        }
    }

    @Test
    void shouldRefuseASubdirectoryTheServiceCannotWriteIntoNamingIt(@TempDir Path root) throws Exception {
        DataDirectory.requireWritableSubdirectories(root); // none made yet: each is made when first needed
        for (String name : new String[] {"projects", "archive", "backups"}) {
            Path directory = Files.createDirectories(root.resolve(name));
            DataDirectory.requireWritableSubdirectories(root);
            try (var unwritable = UnwritableFile.make(directory)) {
                var error = assertThrows(IllegalStateException.class, () -> DataDirectory.requireWritableSubdirectories(root));
                assertTrue(error.getMessage().startsWith(directory + " is not a directory the service user")
                        && error.getMessage().contains("Refusing to start"), error.getMessage());
            }
        }
    }

    @Test
    void shouldRefuseAFileWhereASubdirectoryBelongs(@TempDir Path root) throws Exception {
        Path inTheWay = Files.writeString(root.resolve("archive"), "x");
        var error = assertThrows(IllegalStateException.class, () -> DataDirectory.requireWritableSubdirectories(root));
        assertTrue(error.getMessage().startsWith(inTheWay + " is not a directory"), error.getMessage());
    }

    @Test
    void shouldWarnOfProjectFilesBesideAnEmptiedOrMissingCatalog(@TempDir Path root) throws Exception {
        Path catalog = root.resolve(DataDirectory.CATALOG_FILE);
        Path projects = Files.createDirectories(root.resolve("projects"));
        assertEquals(Optional.empty(), DataDirectory.newCatalogBesideProjectFiles(catalog, projects), "a first install");

        Files.writeString(projects.resolve("a.db"), "x");
        Files.writeString(projects.resolve("b.db"), "x");
        Files.writeString(projects.resolve("b.db-wal"), "x"); // a side file, not a project file
        assertTrue(DataDirectory.newCatalogBesideProjectFiles(catalog, projects).orElseThrow().startsWith("The catalog "
                + catalog + " is missing, so a new one is created, but 2 project files exist in " + projects
                + " and are not registered in it"));

        Files.write(catalog, new byte[0]);
        assertTrue(DataDirectory.newCatalogBesideProjectFiles(catalog, projects).orElseThrow()
                .contains(catalog + " is empty (0 bytes)"));

        Files.writeString(catalog, "a catalog");
        assertEquals(Optional.empty(), DataDirectory.newCatalogBesideProjectFiles(catalog, projects), "the catalog is there");
    }
}
