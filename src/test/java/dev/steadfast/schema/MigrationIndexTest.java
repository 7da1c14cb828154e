package dev.steadfast.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrationIndexTest {

    @Test
    void shouldListEveryCatalogMigrationShipped() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/catalog"))) {
            var onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
            assertEquals(onDisk, MigrationIndex.load("catalog").files());
        }
    }

    @Test
    void shouldKnowTheNewestVersionNumerically() {
        var index = new MigrationIndex("x", java.util.List.of("V2__b.sql", "V10__c.sql", "V1__a.sql"));
        assertEquals("10", index.newest().getVersion());
    }
}
