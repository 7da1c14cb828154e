package dev.steadfast.schema;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Hands Flyway the migrations listed in a {@link MigrationIndex} instead of letting it scan the
 * classpath, which a native image cannot do.
 */
final class IndexedResourceProvider implements ResourceProvider {

    private final List<LoadableResource> resources;

    IndexedResourceProvider(MigrationIndex index) {
        this.resources = index.files().stream()
                .map(file -> (LoadableResource) new IndexedResource("db/" + index.set() + "/" + file, file))
                .toList();
    }

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(r -> r.getRelativePath().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream()
                .filter(r -> r.getFilename().startsWith(prefix)
                        && Arrays.stream(suffixes).anyMatch(suffix -> r.getFilename().endsWith(suffix)))
                .toList();
    }

    private static final class IndexedResource extends LoadableResource {
        private final String path;
        private final String filename;

        IndexedResource(String path, String filename) {
            this.path = path;
            this.filename = filename;
        }

        @Override
        public Reader read() {
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
            if (in == null) {
                in = IndexedResourceProvider.class.getClassLoader().getResourceAsStream(path);
            }
            if (in == null) {
                throw new FlywayException("Migration " + path + " is listed in the index but missing from the build");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public String getRelativePath() {
            return filename;
        }
    }
}
