package vn.vneid.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A throwaway {@code redis-server} for dev mode and tests: bound to 127.0.0.1 on a free port, no persistence
 * unless {@link #persistent()} asks for an append-only file (fsync on every write, so a kill loses nothing).
 * Uses {@code redis-server} from {@code PATH} when there is one, else the binary shipped inside
 * {@code com.github.codemonstur:embedded-redis}. {@link #stop()} kills the process (tests use it to simulate
 * an outage) and {@link #start()} brings it back on the same port: empty, or with its data when persistent;
 * {@link #restartEmpty()} brings it back without its data either way (a Redis that lost everything).
 */
public final class LocalRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalRedis.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;

    private final Path binary;
    private final String binarySource;
    private Path workDir;
    private boolean persistent;
    private String fsync = "always";
    private int port;
    private Process process;
    private Thread shutdownHook;

    /** A server using {@code redis-server} from {@code PATH}, else the embedded binary; not started yet. */
    public LocalRedis() {
        Optional<Path> onPath = findOnPath("redis-server");
        if (onPath.isPresent()) {
            this.binary = onPath.get();
            this.binarySource = "PATH";
        } else {
            this.binary = embeddedBinary();
            this.binarySource = "embedded-redis jar";
        }
    }

    /** A server using exactly {@code binary}; {@link #embeddedBinary()} forces the embedded one. */
    public LocalRedis(Path binary) {
        this.binary = binary;
        this.binarySource = "given path";
    }

    /** Extracts the redis-server shipped in the embedded-redis jar for this OS and architecture. */
    public static Path embeddedBinary() {
        try {
            return ExecutableProvider.newJarResourceProvider().get().toPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded redis-server", e);
        }
    }

    /** Keeps an append-only file (fsync always) in its directory, so that a restart keeps the data; before {@link #start()}. */
    public synchronized LocalRedis persistent() {
        if (process != null) {
            throw new IllegalStateException("persistence is chosen before the first start");
        }
        persistent = true;
        return this;
    }

    /**
     * Keeps an append-only file fsynced once a second, as production Redis is usually run (benchmarks); a kill may
     * lose the last second of writes.
     */
    public synchronized LocalRedis persistentEverySecond() {
        persistent();
        fsync = "everysec";
        return this;
    }

    public synchronized boolean isPersistent() {
        return persistent;
    }

    /** Kills the server, deletes what it had persisted, and starts it again on the same port, empty. */
    public synchronized void restartEmpty() {
        stop();
        deleteData(false);
        start();
    }

    /** Deletes the data files below the work directory, and with {@code all} the directory itself. */
    private void deleteData(boolean all) {
        if (workDir == null || !Files.isDirectory(workDir)) {
            return;
        }
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .filter(f -> all || !(f.equals(workDir) || f.getFileName().toString().equals("redis.log")))
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + workDir, e);
        }
    }

    /**
     * Starts the server and waits until it answers PING. The first start picks a free port (retrying on a
     * bind race); later starts reuse it. Does nothing when already running.
     */
    public synchronized LocalRedis start() {
        if (isRunning()) {
            return this;
        }
        if (port != 0) {
            launch(port);
            return this;
        }
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int candidate = freePort();
            try {
                launch(candidate);
                port = candidate;
                return this;
            } catch (IllegalStateException e) {
                last = e;
                log.debug("redis-server did not start on port {} (attempt {}): {}", candidate, attempt,
                        e.getMessage());
            }
        }
        throw last;
    }

    /** Kills the server (as a crash would); {@link #start()} brings it back on the same port, empty. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping redis-server", e);
        }
        process = null;
        removeShutdownHook();
        log.info("Local redis-server on 127.0.0.1:{} stopped", port);
    }

    /** Kills the server and deletes its work directory. */
    @Override
    public synchronized void close() {
        stop();
        deleteData(true);
        workDir = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The port, fixed by the first {@link #start()}. */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("LocalRedis was never started");
        }
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port();
    }

    public Path binary() {
        return binary;
    }

    private void launch(int onPort) {
        try {
            if (workDir == null) {
                workDir = Files.createTempDirectory("local-redis-");
                workDir.toFile().deleteOnExit();
            }
            Path logFile = workDir.resolve("redis.log");
            logFile.toFile().deleteOnExit();
            Process started = new ProcessBuilder(List.of(binary.toString(),
                    "--port", Integer.toString(onPort), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", persistent ? "yes" : "no", "--appendfsync", fsync,
                    "--daemonize", "no",
                    "--dir", workDir.toString(), "--loglevel", "warning"))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            awaitReady(started, onPort, logFile);
            process = started;
            shutdownHook = new Thread(started::destroyForcibly, "local-redis-stop-" + onPort);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            log.info("Local redis-server on 127.0.0.1:{} started from {} ({})", onPort, binarySource, binary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    private static void awaitReady(Process started, int onPort, Path logFile) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (ping(onPort)) {
                    return;
                }
                // Waits for the process to die, which would be the answer, but at most a moment.
                if (started.waitFor(20, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("redis-server exited with " + started.exitValue()
                            + " on port " + onPort + ": " + tail(logFile));
                }
            }
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
        started.destroyForcibly();
        throw new IllegalStateException("redis-server on port " + onPort + " did not answer PING within "
                + READY_TIMEOUT + ": " + tail(logFile));
    }

    private static boolean ping(int onPort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String tail(Path logFile) {
        try {
            String text = Files.readString(logFile);
            return text.length() > 500 ? text.substring(text.length() - 500) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting and runs the hook itself.
            }
            shutdownHook = null;
        }
    }
}
