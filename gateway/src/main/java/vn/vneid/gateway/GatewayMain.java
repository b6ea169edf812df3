package vn.vneid.gateway;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.config.ConfigException;
import vn.vneid.gateway.config.ConfigLoader;
import vn.vneid.gateway.config.GatewayConfig;
import vn.vneid.gateway.dev.DevEnvironment;
import vn.vneid.gateway.logging.LoggingSetup;

/**
 * {@code java -jar gateway-all.jar [--dev] [--config gateway.yaml]}. Reads and validates the configuration
 * (a wrong value stops the start with a message naming it, exit code 2), in dev mode starts a Redis and an
 * SMSC simulator of its own, then starts the gateway and runs until SIGTERM/SIGINT.
 */
public final class GatewayMain {
    private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean dev = false;
        Optional<Path> configFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dev" -> dev = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        exit("--config needs a file path");
                    }
                    configFile = Optional.of(Path.of(args[++i]));
                }
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar gateway-all.jar [--dev] [--config gateway.yaml]  (see README.md)");
                    return;
                }
                default -> exit("unknown argument " + args[i] + " (use --dev, --config FILE, --help)");
            }
        }
        GatewayConfig config;
        try {
            ConfigLoader loader = new ConfigLoader(System.getenv());
            LoggingSetup.apply(loader.logging(configFile, dev));
            config = loader.load(configFile, dev);
        } catch (ConfigException e) {
            exit("configuration error: " + e.getMessage());
            return;
        }
        DevEnvironment devEnv = dev ? DevEnvironment.prepare(config) : null;
        GatewayConfig effective = devEnv == null ? config : devEnv.config();
        Gateway gateway;
        try {
            gateway = Gateway.start(effective, Clock.systemUTC());
        } catch (ConfigException e) {
            if (devEnv != null) {
                devEnv.close();
            }
            exit("configuration error: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            gateway.close();
            if (devEnv != null) {
                devEnv.close();
            }
            stopped.countDown();
            LoggingSetup.stop();
        }, "shutdown"));
        if (devEnv != null) {
            devEnv.announce(gateway.port());
        }
        stopped.await();
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
