package dev.steadfast.datadir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
