package vn.vneid.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts the commands clients send to a Redis, by name, through {@code MONITOR} on a socket of its own: commands run
 * inside scripts show as coming from {@code lua} and are counted apart. A test tool (MONITOR costs Redis time): start
 * it, run the traffic, {@link #close} it, read {@link #sent} and {@link #inScripts}.
 */
final class RedisMonitor implements AutoCloseable {
    private final Socket socket = new Socket();
    private final Map<String, Long> sent = new TreeMap<>();
    private final Map<String, Long> inScripts = new TreeMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread reader;

    private RedisMonitor(String redisUrl) throws IOException {
        URI uri = URI.create(redisUrl);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        reader = new Thread(() -> read(in), "redis-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    static RedisMonitor start(String redisUrl) throws Exception {
        RedisMonitor monitor = new RedisMonitor(redisUrl);
        if (!monitor.started.await(5, TimeUnit.SECONDS)) {
            monitor.close();
            throw new IllegalStateException("MONITOR did not start");
        }
        return monitor;
    }

    private void read(BufferedReader in) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("+OK")) {
                    started.countDown();
                    continue;
                }
                int open = line.indexOf('[');
                int close = line.indexOf(']', open);
                int quote = line.indexOf('"', close);
                if (open < 0 || close < 0 || quote < 0) {
                    continue;
                }
                String command = line.substring(quote + 1, line.indexOf('"', quote + 1)).toLowerCase();
                Map<String, Long> into = line.substring(open, close).contains("lua") ? inScripts : sent;
                synchronized (this) {
                    into.merge(command, 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            // closed by close(): the counts so far stand
        }
    }

    synchronized Map<String, Long> sent() {
        return new TreeMap<>(sent);
    }

    synchronized Map<String, Long> inScripts() {
        return new TreeMap<>(inScripts);
    }

    @Override
    public void close() throws Exception {
        socket.close();
        reader.join(5000);
    }
}
