package dev.steadfast.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged Steadfast application running as a separate operating-system process, the way an
 * operator runs it: configured only through environment variables, on a port it picks itself (read
 * from its log), its output in a log file under the test data root. Runs {@code native.image.path}
 * when that property names an existing binary (the {@code native} profile), otherwise
 * {@code java -jar quarkus-run.jar} from {@code steadfast.test.app-dir}, with the JVM options in
 * {@code steadfast.test.jvm-options} (default {@code -XX:TieredStopAtLevel=1}; set it empty for the
 * JVM's defaults).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** The line Quarkus logs once the socket is open; with port 0 it names the port it was given. */
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^\\s:]+:(\\d+)");

    private final String name;
    private final Process process;
    /** 0 until the log shows where the service listens. */
    private volatile int port;
    private final Path logFile;
    private final Path workDir;

    private ServiceProcess(String name, Process process, Path logFile, Path workDir) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.workDir = workDir;
    }

    /**
     * Starts the service on {@code dataDir} ({@code STEADFAST_DATA_DIR}) with the given extra
     * environment; a {@code null} data directory leaves {@code STEADFAST_DATA_DIR} to {@code env}.
     * Entries in {@code env} win over the defaults set here; a {@code null} value removes a variable.
     */
    public static ServiceProcess start(String name, Path dataDir, Map<String, String> env) {
        String label = String.format("%02d-%s", SEQUENCE.incrementAndGet(), name);
        Path logFile = dataRoot().resolve("logs").resolve(label + ".log");
        // A working directory of its own: a fallback to ./data would land here, not in the repository.
        Path workDir = dataRoot().resolve("work").resolve(label);
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> environment = builder.environment();
        // Nothing from the developer's or CI's shell may configure the service under test.
        environment.keySet().removeIf(key -> key.startsWith("STEADFAST_") || key.startsWith("QUARKUS_"));
        Map<String, String> effective = new LinkedHashMap<>();
        if (dataDir != null) {
            effective.put("STEADFAST_DATA_DIR", dataDir.toString());
        }
        // Port 0: the service binds a free port itself, so no port found free here can be taken
        // meanwhile (by a client's outgoing connection, or a twin started at the same moment).
        effective.put("QUARKUS_HTTP_PORT", "0");
        effective.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // Graceful shutdown keeps readiness DOWN for 5 s by default: irrelevant here, and slow.
        effective.put("STEADFAST_SHUTDOWN_READINESS_DELAY", "0s");
        effective.putAll(env);
        effective.forEach((key, value) -> {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
        try {
            ServiceProcess started = new ServiceProcess(label, builder.start(), logFile, workDir);
            Api.warmUpInBackground();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + builder.command(), e);
        }
    }

    /** The directory every process test writes under: a fresh one per Maven run. */
    public static Path dataRoot() {
        String configured = System.getProperty("steadfast.test.data-root");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("target", "it-data-" + ProcessHandle.current().pid());
        return root.toAbsolutePath();
    }

    /** A new, empty directory under the data root, for one test's data directory. */
    public static Path newDirectory(String name) {
        Path dir = dataRoot().resolve(name + "-" + System.nanoTime());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command() {
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isRegularFile(Path.of(nativeImage))) {
            return List.of(Path.of(nativeImage).toAbsolutePath().toString());
        }
        String appDir = System.getProperty("steadfast.test.app-dir", "target/quarkus-app");
        Path jar = Path.of(appDir, "quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail("The packaged application " + jar + " is missing: run `./mvnw package` first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only: the service boots markedly faster on a busy machine and behaves the same.
        String jvmOptions = System.getProperty("steadfast.test.jvm-options", "-XX:TieredStopAtLevel=1");
        command.addAll(Arrays.stream(jvmOptions.split("\\s+")).filter(option -> !option.isEmpty()).toList());
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The port the service listens on, as its log tells; 0 while it does not listen yet. */
    private int port() {
        if (port == 0) {
            Matcher listening = LISTENING.matcher(log());
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
            }
        }
        return port;
    }

    /** Where the service answers; only once it listens (after {@link #awaitReady} or {@link #awaitStatus}). */
    public String baseUri() {
        int listening = port();
        if (listening == 0) {
            throw new IllegalStateException(name + " does not listen yet");
        }
        return "http://127.0.0.1:" + listening;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The process' working directory (empty unless the service writes where it should not). */
    public Path workDir() {
        return workDir;
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the log, for failure messages. */
    public String logTail() {
        List<String> lines = log().lines().toList();
        return "---- last lines of " + logFile + " ----\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /**
     * Waits until {@code /q/health/ready} answers 200; fails at once, with the log, if the process exits,
     * and kills it before failing on timeout.
     */
    public ServiceProcess awaitReady(Duration timeout) {
        return awaitStatus("/q/health/ready", 200, timeout);
    }

    /**
     * Waits until a GET of {@code path} answers {@code wanted}; fails at once, with the log, if the
     * process exits, and with the log and the last status on timeout.
     */
    public ServiceProcess awaitStatus(String path, int wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                fail(name + " exited with code " + process.exitValue() + " while waiting for " + path + "\n" + logTail());
            }
            int last = status(path);
            if (last == wanted) {
                return this;
            }
            if (Instant.now().isAfter(deadline)) {
                String tail = logTail();
                kill(); // the caller never got the instance, so its try-with-resources cannot stop it
                fail(name + " did not answer " + path + " with " + wanted + " within " + timeout + " (last status "
                        + last + ")\n" + tail);
            }
            sleep(100);
        }
    }

    /** The HTTP status of a GET, or -1 when nothing answers yet. */
    public int status(String path) {
        if (port() == 0) {
            return -1;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) { // refused, reset or timed out: not answering yet
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the log contains {@code fragment}, polling often enough to act on it while the
     * work it announces is still under way; fails with the log if the process exits or time runs out.
     */
    public void awaitLog(String fragment, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!log().contains(fragment)) {
            if (!process.isAlive()) {
                fail(name + " exited with code " + process.exitValue() + " before logging '" + fragment + "'\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                String tail = logTail();
                kill(); // a process left running would hold its lock, port and a core through the next tests
                fail(name + " did not log '" + fragment + "' within " + timeout + "\n" + tail);
            }
            sleep(5);
        }
    }

    /** Waits for the process to end on its own; returns its exit code, or fails (and kills it) on timeout. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String tail = logTail();
                kill();
                fail(name + " was still running after " + timeout + "\n" + tail);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM and returns at once: the caller watches the graceful shutdown, then {@link #awaitExit}. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, as an orchestrator stops a container, then waits for the graceful shutdown; returns the exit code. */
    public int stop() {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                String tail = logTail();
                kill();
                fail(name + " did not stop within 30 s of SIGTERM\n" + tail);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: a crash, no shutdown hooks. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process if it still runs, so no test leaves a service (and its lock) behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The environment entries for one service start, in a readable form: {@code env("K", "v", ...)}. */
    public static Map<String, String> env(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + (port() == 0 ? "not yet open" : port()) + ")";
    }
}
