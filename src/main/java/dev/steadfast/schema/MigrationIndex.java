package dev.steadfast.schema;

import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations a set ships with, read from {@code db/<set>.idx}: a list of file names written at
 * build time (see the pom's {@code migration-index} execution). Native images cannot scan the
 * classpath, so the list has to exist before the application runs.
 */
public record MigrationIndex(String set, List<String> files) {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    public static MigrationIndex load(String set) {
        String resource = "db/" + set + ".idx";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Migration index " + resource + " is missing from the build");
            }
            List<String> files = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).sorted().toList();
            return new MigrationIndex(set, files);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration index " + resource, e);
        }
    }

    /** The highest version this build knows for the set. */
    public MigrationVersion newest() {
        return files.stream().map(MigrationIndex::versionOf).max(Comparator.naturalOrder())
                .orElse(MigrationVersion.EMPTY);
    }

    static MigrationVersion versionOf(String file) {
        Matcher matcher = VERSIONED.matcher(file);
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a versioned migration file name: " + file);
        }
        return MigrationVersion.fromVersion(matcher.group(1).replace('_', '.'));
    }
}
