package vn.vneid.gateway.dev;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.ApiKeys;
import vn.vneid.gateway.auth.Scope;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.config.SmscConfig;
import vn.vneid.redis.LocalRedis;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.simulator.SimulatorHttp;
import vn.vneid.smpp.simulator.SmscSimulator;
import vn.vneid.smpp.simulator.SmscSimulatorBuilder;

/**
 * Dev mode: fills in what a developer's machine lacks. No Redis URL → a throwaway redis-server on a free
 * loopback port; no SMSC → the built-in simulator (receipts after one second), which logs every SMS it gets,
 * code included, so the developer can copy it; no API keys → the well-known {@link #DEV_KEY} with every
 * scope, printed; no OTP secret → a random one. The HTTP API listens on loopback only. The simulator's messages
 * can also be read over HTTP ({@link SimulatorHttp}, port {@value #DEFAULT_SIM_HTTP_PORT} or
 * {@code GW_DEV_SIM_HTTP_PORT}, an ephemeral one when taken) so that k6 scripts can read codes. Everything it
 * starts is stopped by {@link #close}. Never for production.
 */
public final class DevEnvironment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("DEV-MODE");
    /**
     * Well known, so the README's curl walkthrough works as written; safe only because dev mode listens on
     * loopback alone.
     */
    public static final String DEV_KEY = "dev-key-local-only-0123456789";
    private static final String LOOPBACK = "127.0.0.1";
    /** Submits in flight to the built-in simulator (one bind). */
    private static final int DEV_WINDOW = 64;
    /** Where k6 scripts look for the simulator's messages by default ({@code SIM_URL}). */
    public static final int DEFAULT_SIM_HTTP_PORT = 8089;
    public static final String ENV_SIM_HTTP_PORT = "GW_DEV_SIM_HTTP_PORT";
    private final GatewayConfig config;
    private final LocalRedis redis;
    private final SmscSimulator smsc;
    private final SimulatorHttp smscHttp;
    private final String devKey;
    private final boolean logsSms;

    private DevEnvironment(GatewayConfig config, LocalRedis redis, SmscSimulator smsc, SimulatorHttp smscHttp,
                           String devKey, boolean logsSms) {
        this.config = config;
        this.redis = redis;
        this.smsc = smsc;
        this.smscHttp = smscHttp;
        this.devKey = devKey;
        this.logsSms = logsSms;
    }

    /** Set to {@code false} to keep SMS texts out of the log, e.g. under load. */
    public static final String ENV_LOG_SMS = "GW_DEV_LOG_SMS";

    public static DevEnvironment prepare(GatewayConfig given) {
        return prepare(given, !"false".equalsIgnoreCase(System.getenv(ENV_LOG_SMS)));
    }

    public static DevEnvironment prepare(GatewayConfig given, boolean logSms) {
        log.warn("DEV MODE: local Redis and SMSC simulator, SMS texts (with codes) in the log. Not for production.");
        LocalRedis redis = null;
        Optional<String> redisUrl = given.redisUrl();
        if (redisUrl.isEmpty()) {
            redis = new LocalRedis().start();
            redisUrl = Optional.of(redis.url());
            log.info("started redis-server {} at {}", redis.binary(), redis.url());
        }
        SmscSimulator smsc = null;
        SimulatorHttp smscHttp = null;
        SmscConfig smscConfig = given.smsc();
        if (smscConfig.isEmpty()) {
            // As many simulator PDU threads as the gateway keeps submits in flight: more only add threads.
            SmscSimulatorBuilder simulator = SmscSimulator.builder().receiptDelay(Duration.ofSeconds(1))
                    .pduProcessorDegree(DEV_WINDOW);
            if (logSms) {
                simulator.listener(sms -> log.info("SMSC simulator got SMS {} to {}: {}", sms.smscMessageId(), Msisdn.mask(sms.to()), sms.text()));
            }
            smsc = simulator.start();
            smscHttp = serveOverHttp(smsc);
            // The simulator is no carrier with a contract: let load tests measure the gateway, not a cap. One bind
            // with a window of 64 carries 39,000 submit_sm/s to it (README, Performance); a second bind only
            // doubled the sender and simulator threads.
            smscConfig = SmscConfig.single(CarrierUrl.parse("default",
                    "smpp://vneid:secret@127.0.0.1:" + smsc.port() + "?binds=1&window=" + DEV_WINDOW + "&tps=100000"));
        }
        String devKey = null;
        ApiKeys keys = given.apiKeys();
        if (keys.isEmpty()) {
            devKey = DEV_KEY;
            keys = ApiKeys.of(Map.of(devKey, new ApiClient("dev", Set.of(Scope.values()))));
        }
        Optional<byte[]> secret = given.otpSecret();
        if (secret.isEmpty()) {
            log.warn("GW_OTP_SECRET not set: using a random secret, so codes do not survive a restart");
            secret = Optional.of(random(32).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        GatewayConfig config = new GatewayConfig(true, LOOPBACK, given.httpPort(), redisUrl, given.redisCommandTimeout(),
                smscConfig, keys, secret, given.otpPolicies(), given.idempotencyTtl(),
                given.messageStatusTtl(), given.receiptTimeout(), given.notices(), given.httpLimits(), given.admission(),
                given.pumpingGuard(), given.durability());
        return new DevEnvironment(config, redis, smsc, smscHttp, devKey, logSms);
    }

    /** On the configured port, or an ephemeral one when that is taken (a second dev gateway, a test run). */
    private static SimulatorHttp serveOverHttp(SmscSimulator smsc) {
        int port = DEFAULT_SIM_HTTP_PORT;
        String raw = System.getenv(ENV_SIM_HTTP_PORT);
        if (raw != null && !raw.isBlank()) {
            try {
                port = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                log.warn("{} is not a port number: using {}", ENV_SIM_HTTP_PORT, DEFAULT_SIM_HTTP_PORT);
            }
        }
        try {
            return SimulatorHttp.start(smsc, port);
        } catch (java.io.UncheckedIOException e) {
            SimulatorHttp any = SimulatorHttp.start(smsc, 0);
            log.warn("port {} is taken: the SMSC simulator's messages are at {} instead", port, any.url());
            return any;
        }
    }

    public GatewayConfig config() {
        return config;
    }

    /** The built-in SMSC simulator, when dev mode started one. */
    public Optional<SmscSimulator> simulator() {
        return Optional.ofNullable(smsc);
    }

    /** The simulator's HTTP view ({@code GET /messages?to=…}), when dev mode started a simulator. */
    public Optional<SimulatorHttp> simulatorHttp() {
        return Optional.ofNullable(smscHttp);
    }

    /** The Redis dev mode started, when it started one. */
    public Optional<LocalRedis> redis() {
        return Optional.ofNullable(redis);
    }

    /** Prints what a developer needs to start calling the API. */
    public void announce(int port) {
        StringBuilder b = new StringBuilder("\n")
                .append("=================== VNeID SMS gateway: DEV MODE ===================\n")
                .append("  API:      http://127.0.0.1:").append(port).append(" (loopback only)").append("  (OpenAPI at /openapi.yaml)\n");
        if (devKey != null) {
            b.append("  API key:  ").append(devKey).append("   (all scopes; dev only)\n");
        }
        if (smsc != null) {
            b.append(logsSms ? "  SMS sent by the gateway are logged below as 'SMSC simulator got SMS ...'\n"
                    : "  SMS texts are not logged (" + ENV_LOG_SMS + "=false)\n");
        }
        if (smscHttp != null) {
            b.append("  SMS also at ").append(smscHttp.url()).append("/messages?to=0912345678 (SIM_URL for k6)\n");
        }
        b.append("=====================================================================");
        log.warn(b.toString());
    }

    @Override
    public void close() {
        if (smscHttp != null) {
            smscHttp.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
