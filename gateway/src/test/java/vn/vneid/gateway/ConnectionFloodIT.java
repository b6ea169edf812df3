package vn.vneid.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.gateway.config.HttpLimits;
import vn.vneid.redis.testing.RedisServerExtension;

/**
 * Connections that never deliver a request: a flood of half-sent heads past the connection cap, a client that
 * trickles a byte at a time, a body that never ends. The cap refuses the excess at once, the head deadline and
 * the request timeout close the rest, a request on a connection opened before the flood is served fast all
 * along, and afterwards nothing is left open on the gateway's side. Small limits (30 connections, a 2 s head
 * deadline, a 2 s request timeout) keep the test short; timing assertions carry wide margins for a noisy 2-core
 * CI machine.
 */
class ConnectionFloodIT {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static final int CAP = 30;
    static final Duration HEAD_DEADLINE = Duration.ofSeconds(2);
    static final String HALF_A_HEAD = "POST /v1/otp HTTP/1.1\r\nHost: gw\r\nContent-Ty";
    GatewayHarness gw;

    @BeforeEach
    void start() throws Exception {
        gw = GatewayHarness.start(redis.url(), config -> config.withHttpLimits(HttpLimits.defaults()
                .withMaxConnections(CAP).withHeaderTimeout(HEAD_DEADLINE).withRequestTimeout(Duration.ofSeconds(2))));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aFloodOfHalfSentHeadsIsCappedTimedOutAndLeavesTheGatewayServing() throws Exception {
        int port = gw.gateway.port();
        List<RawHttp> flood = new ArrayList<>();
        try (RawHttp before = new RawHttp(port)) {
            assertThat(verify(before).status()).isEqualTo(400);
            double refusedBefore = metric(before, "gateway_http_connections_refused_total");

            long floodStart = System.nanoTime();
            for (int i = 0; i < 3 * CAP; i++) {
                RawHttp half = new RawHttp(port);
                try {
                    half.write(HALF_A_HEAD);
                } catch (IOException refusedAlready) {
                    // the gateway closed it at accept, before the write: that is the point
                }
                flood.add(half);
            }
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                assertThat(verify(before).status()).isEqualTo(400);
                micros.add((System.nanoTime() - t) / 1_000);
            }
            micros.sort(null);
            assertThat(micros.get(micros.size() / 2)).as("median request during the flood, in µs (all: %s)", micros)
                    .isLessThan(100_000);
            assertThat(micros.get(micros.size() - 1)).as("slowest request during the flood, in µs").isLessThan(2_000_000);

            int expectRefused = 3 * CAP - (CAP - 1);
            GatewayHarness.awaitTrue(() -> metric(before) - refusedBefore >= expectRefused, Duration.ofSeconds(1));
            int refused = 0;
            int heldOpen = 0;
            for (RawHttp half : flood) {
                if (half.closedWithin(Duration.ofMillis(10))) {
                    refused++;
                } else {
                    heldOpen++;
                }
            }
            long refusedAfterMillis = (System.nanoTime() - floodStart) / 1_000_000;
            assertThat(refusedAfterMillis).as("the cap refuses at once, long before the head deadline")
                    .isLessThan(HEAD_DEADLINE.toMillis());
            assertThat(heldOpen).as("up to the cap, counting the connection opened before").isEqualTo(CAP - 1);
            assertThat(refused).isEqualTo(expectRefused);
            assertThat(metric(before) - refusedBefore).isEqualTo(refused);

            for (RawHttp half : flood) {
                assertThat(half.closedWithin(HEAD_DEADLINE.plus(Duration.ofSeconds(5))))
                        .as("a half-sent head is closed by the head deadline").isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - floodStart)).as("not before the deadline")
                    .isGreaterThanOrEqualTo(HEAD_DEADLINE.minusMillis(100));
        } finally {
            for (RawHttp half : flood) {
                half.close();
            }
        }
        try (RawHttp after = new RawHttp(port)) {
            assertThat(verify(after).status()).as("a new connection is served normally").isEqualTo(400);
            assertThat(metric(after, "gateway_http_header_timeouts_total")).isGreaterThanOrEqualTo(CAP - 1);
            GatewayHarness.awaitTrue(() -> openConnections(after) <= 1, Duration.ofSeconds(10));
        }
        GatewayHarness.awaitTrue(() -> closeWait(port) == 0, Duration.ofSeconds(10));
    }

    @Test
    void aClientTricklingItsHeadAByteAtATimeIsClosedByTheDeadline() throws Exception {
        try (RawHttp slow = new RawHttp(gw.gateway.port())) {
            long start = System.nanoTime();
            boolean closed = false;
            String head = "GET /health/live HTTP/1.1\r\nHost: gw\r\nX-Slow: " + "s".repeat(200);
            for (int i = 0; i < head.length() && !closed; i++) {
                try {
                    slow.write(head.substring(i, i + 1));
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                // never idle for long, so only the head deadline can catch it
                closed = slow.closedWithin(Duration.ofMillis(200));
            }
            Duration held = Duration.ofNanos(System.nanoTime() - start);
            assertThat(closed).as("closed while still trickling").isTrue();
            assertThat(held).isBetween(HEAD_DEADLINE.minusMillis(100), HEAD_DEADLINE.plusSeconds(5));
        }
    }

    @Test
    void aKeptAliveConnectionWithNoNewRequestIsClosedAfterTheDeadline() throws Exception {
        try (RawHttp idle = new RawHttp(gw.gateway.port())) {
            assertThat(idle.exchange("GET /health/live HTTP/1.1\r\nHost: gw\r\n\r\n").status()).isEqualTo(200);
            long answered = System.nanoTime();
            assertThat(idle.closedWithin(HEAD_DEADLINE.plusSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(HEAD_DEADLINE.minusMillis(100));
        }
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsAnswered408AndNeverRuns() throws Exception {
        String issue = "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099000080\",\"phone\":\"0961000080\"}";
        int padding = 400; // JSON allows trailing spaces: the body is complete only when they are all in
        try (RawHttp slow = new RawHttp(gw.gateway.port())) {
            slow.write("POST /v1/otp HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + GatewayHarness.OTP_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (issue.length() + padding) + "\r\n\r\n"
                    + issue);
            long start = System.nanoTime();
            int sent = 0;
            for (; sent < padding / 2 && slow.socket.getInputStream().available() == 0; sent++) {
                slow.write(" ");
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // a byte every 100 ms: never idle
            }
            RawHttp.Response r = slow.read();
            HttpEdgeIT.assertProblem(r, 408, "request.timeout");
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            try {
                slow.write(" ".repeat(padding - sent)); // the body completes after the answer...
            } catch (IOException closedAlready) {
                // ...or the gateway closed first: either way the request must not run
            }
            assertThat(slow.closedWithin(HEAD_DEADLINE.plusSeconds(5))).isTrue();
        }
        assertThat(gw.issue("ACTIVATE", "001099000081", "0961000081").statusCode()).isEqualTo(202);
        gw.awaitCode("84961000081", 1);
        assertThat(gw.smsc.messagesTo("84961000080")).as("no OTP was issued for the timed-out request").isEmpty();
    }

    private static RawHttp.Response verify(RawHttp http) throws IOException {
        String body = "{\"purpose\":\"ACTIVATE\",\"citizenId\":\"001099012345\",\"code\":\"12\"}";
        return http.exchange("POST /v1/otp/verify HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + GatewayHarness.OTP_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }

    private static double metric(RawHttp http, String name) throws IOException {
        RawHttp.Response r = http.exchange("GET /metrics HTTP/1.1\r\nHost: gw\r\n\r\n");
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " is not exported");
    }

    private static double metric(RawHttp http) {
        try {
            return metric(http, "gateway_http_connections_refused_total");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int openConnections(RawHttp http) {
        try {
            return (int) metric(http, "gateway_http_connections");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sockets of the gateway's port in CLOSE_WAIT (the peer closed, the gateway did not): /proc/net/tcp on Linux. */
    private static int closeWait(int port) {
        String local = String.format(Locale.ROOT, ":%04X", port);
        int n = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(local) && f[3].equals("08")) {
                        n++;
                    }
                }
            } catch (IOException notLinux) {
                // no such table here: nothing to count
            }
        }
        return n;
    }
}
