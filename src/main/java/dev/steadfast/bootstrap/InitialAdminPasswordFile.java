package dev.steadfast.bootstrap;

import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.datadir.DurableFiles;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates the admin password when none is configured and hands it over through a file only the
 * service's user can read ({@code initial-admin-password}, mode 0600): logs are shipped and kept,
 * so the password never goes there, only the file's path.
 */
@ApplicationScoped
public class InitialAdminPasswordFile {

    private final SecureRandom random = new SecureRandom();
    private final DataDirectory dataDirectory;

    InitialAdminPasswordFile(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public Path path() {
        return dataDirectory.initialAdminPasswordFile();
    }

    /** A new random password (192 bits), already written to the file, replacing an older one. */
    public String generateAndWrite() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path target = path();
        try {
            Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(target.getParent(), ".initial-admin-password", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(target.getParent(), ".initial-admin-password", ".tmp");
            Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
            // On disk before the admin row that uses it commits: a power loss must not leave an admin
            // whose only password was in a file that never reached the disk.
            DurableFiles.moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
        return password;
    }
}
