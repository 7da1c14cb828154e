package dev.steadfast.datadir;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a file unwritable for this process, as an operator's wrong owner or mode would, and undoes
 * it on close. Removing the write bits is enough for an ordinary user; root ignores file modes, so
 * there the file is made immutable ({@code chattr +i}, which root obeys). Where neither works (root
 * without CAP_LINUX_IMMUTABLE, or a file system without the flag) the test is skipped, and the
 * access rule itself is still covered with a substituted check in {@link WritableDatabaseFilesTest}.
 */
public final class UnwritableFile implements AutoCloseable {

    private final Path file;
    private final Set<PosixFilePermission> permissions;
    private final boolean immutable;

    private UnwritableFile(Path file, Set<PosixFilePermission> permissions, boolean immutable) {
        this.file = file;
        this.permissions = permissions;
        this.immutable = immutable;
    }

    public static UnwritableFile make(Path file) throws IOException, InterruptedException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        if (!Files.isWritable(file)) {
            return new UnwritableFile(file, permissions, false);
        }
        boolean immutable = chattr("+i", file);
        if (!immutable || Files.isWritable(file)) {
            if (immutable) {
                chattr("-i", file);
            }
            Files.setPosixFilePermissions(file, permissions);
            Assumptions.abort("cannot make " + file + " unwritable for this process (root without chattr +i)");
        }
        return new UnwritableFile(file, permissions, true);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable && !chattr("-i", file)) {
            throw new IllegalStateException("chattr -i " + file + " failed: the file stays immutable");
        }
        Files.setPosixFilePermissions(file, permissions);
    }

    private static boolean chattr(String flag, Path file) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) { // no chattr on this machine
            return false;
        }
    }
}
