package vn.vneid.redis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the commands clients send to a real Redis, through {@code MONITOR} on a connection of its own: what a
 * round-trip budget is about. {@code INFO commandstats} cannot tell them apart from the commands a Lua script runs
 * inside Redis; {@code MONITOR} marks those {@code [0 lua]}, and they are counted apart ({@link #scriptCommands()}).
 * {@link #settle()} waits until every command executed before it has been seen. For tests only: {@code MONITOR}
 * slows Redis down.
 */
public final class RedisCommandCounter implements AutoCloseable {
    private static final Pattern LINE = Pattern.compile("^\\+\\d+\\.\\d+ \\[\\d+ ([^\\]]+)\\] \"([^\"]+)\"(.*)$");
    private final Socket socket;
    private final Socket marker;
    private final Thread reader;
    private final Map<String, AtomicLong> client = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> script = new ConcurrentHashMap<>();
    private final AtomicLong markersSeen = new AtomicLong();
    private long markersSent;

    private RedisCommandCounter(int port) throws IOException {
        socket = connect(port);
        socket.setSoTimeout(0); // MONITOR may stay quiet for long
        marker = connect(port);
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        if (!"+OK".equals(in.readLine())) {
            throw new IOException("MONITOR refused");
        }
        reader = new Thread(() -> read(in), "redis-command-counter");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts counting the commands of the Redis on 127.0.0.1:{@code port}. */
    public static RedisCommandCounter start(int port) {
        try {
            return new RedisCommandCounter(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot MONITOR Redis on port " + port, e);
        }
    }

    /** Waits (at most 10 s) until every command Redis executed before this call has been counted. */
    public synchronized void settle() {
        long n = ++markersSent;
        try {
            OutputStream out = marker.getOutputStream();
            out.write(("ECHO counter-mark-" + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            marker.getInputStream().read(new byte[256]); // its reply: executed, so fed to MONITOR already
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (markersSeen.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("MONITOR did not show the marker within 10 s");
            }
            LockSupport.parkNanos(100_000); // poll, bounded by the deadline above
        }
    }

    /** Forgets everything counted so far (after {@link #settle()}). */
    public void reset() {
        settle();
        client.clear();
        script.clear();
    }

    /** Commands sent by clients, by lowercase name (each one a request on some connection). */
    public Map<String, Long> clientCommands() {
        return snapshot(client);
    }

    /** Commands run by Lua scripts inside Redis, by lowercase name. */
    public Map<String, Long> scriptCommands() {
        return snapshot(script);
    }

    /** The number of commands clients sent. */
    public long clientTotal() {
        return clientCommands().values().stream().mapToLong(Long::longValue).sum();
    }

    private void read(BufferedReader in) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String name = m.group(2).toLowerCase();
                if (name.equals("echo") && m.group(3).contains("counter-mark-")) {
                    markersSeen.incrementAndGet();
                    continue;
                }
                (m.group(1).equals("lua") ? script : client).computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            }
        } catch (IOException e) {
            // closed: counting ends
        }
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    @Override
    public void close() {
        try {
            socket.close();
            marker.close();
        } catch (IOException e) {
            // nothing left to count
        }
    }
}
