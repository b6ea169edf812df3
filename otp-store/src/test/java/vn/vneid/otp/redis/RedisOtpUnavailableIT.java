package vn.vneid.otp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.vneid.otp.redis.OtpTestSupport.COMMAND_TIMEOUT;
import static vn.vneid.otp.redis.OtpTestSupport.HASHER;
import static vn.vneid.otp.redis.OtpTestSupport.await;
import static vn.vneid.otp.redis.OtpTestSupport.citizen;
import static vn.vneid.otp.redis.OtpTestSupport.phone;

import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vneid.otp.CodeGenerator;
import vn.vneid.otp.IdempotencyStore;
import vn.vneid.otp.IssueOutcome;
import vn.vneid.otp.IssueRequest;
import vn.vneid.otp.OtpPolicies;
import vn.vneid.otp.Purpose;
import vn.vneid.otp.VerifyRequest;
import vn.vneid.otp.testing.MutableClock;
import vn.vneid.redis.RedisConnections;
import vn.vneid.redis.StoreUnavailableException;
import vn.vneid.redis.testing.RedisServerExtension;

class RedisOtpUnavailableIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final MutableClock clock = MutableClock.startingAt2025();
    private RedisConnections redis;
    private RedisOtpService otp;

    @BeforeEach
    void setUp() {
        redis = RedisConnections.open(REDIS.url(), COMMAND_TIMEOUT);
        otp = new RedisOtpService(redis.connection(), OtpPolicies.defaults(), HASHER, new CodeGenerator(), clock);
    }

    @AfterEach
    void tearDown() {
        redis.close();
        REDIS.server().start();
    }

    /** Runs {@code stage}, expecting it to fail with StoreUnavailableException within 2 s. */
    private static void assertFailsFastAsUnavailable(CompletableFuture<?> stage) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> stage.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void issueAndVerifyFailFastWhenRedisIsDown() {
        REDIS.server().stop();

        assertFailsFastAsUnavailable(otp.issue(new IssueRequest(Purpose.LOGIN, citizen(1), phone(1)))
                .toCompletableFuture());
        assertFailsFastAsUnavailable(otp.verify(new VerifyRequest(Purpose.LOGIN, citizen(1), "123456"))
                .toCompletableFuture());
        IdempotencyStore idempotency = new RedisIdempotencyStore(redis.connection());
        assertFailsFastAsUnavailable(idempotency.claim("bank", "k1", "fp", Duration.ofMinutes(1))
                .toCompletableFuture());
    }

    @Test
    void whileDisconnectedCommandsAreRejectedWithoutWaitingForTheTimeout() throws Exception {
        try (RedisConnections patient = RedisConnections.open(REDIS.url(), Duration.ofSeconds(10))) {
            RedisOtpService service = new RedisOtpService(patient.connection(), OtpPolicies.defaults(), HASHER,
                    new CodeGenerator(), clock);
            CompletableFuture<Object> disconnected = new CompletableFuture<>();
            patient.client().getResources().eventBus().get()
                    .filter(ConnectionDeactivatedEvent.class::isInstance)
                    .subscribe(disconnected::complete);
            REDIS.server().stop();
            disconnected.get(5, TimeUnit.SECONDS);

            long started = System.nanoTime();
            assertThatThrownBy(() -> service.issue(new IssueRequest(Purpose.LOGIN, citizen(1), phone(1)))
                    .toCompletableFuture().get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void serviceRecoversWhenRedisComesBack() throws Exception {
        REDIS.server().stop();
        assertFailsFastAsUnavailable(otp.issue(new IssueRequest(Purpose.LOGIN, citizen(1), phone(1)))
                .toCompletableFuture());

        CompletableFuture<Object> reconnected = new CompletableFuture<>();
        redis.client().getResources().eventBus().get()
                .filter(ConnectionActivatedEvent.class::isInstance)
                .subscribe(reconnected::complete);
        REDIS.server().start();
        reconnected.get(15, TimeUnit.SECONDS);

        assertThat(await(otp.issue(new IssueRequest(Purpose.LOGIN, citizen(1), phone(1)))))
                .isInstanceOf(IssueOutcome.Issued.class);
    }

    @Test
    void openingAConnectionToNothingFailsAsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> RedisConnections.open("redis://127.0.0.1:" + closedPort, COMMAND_TIMEOUT))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void malformedUrlIsRejected() {
        assertThatThrownBy(() -> RedisConnections.open("http://127.0.0.1:6379", COMMAND_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
