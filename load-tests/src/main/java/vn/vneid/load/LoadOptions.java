package vn.vneid.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.vneid.otp.Purpose;

/**
 * The command line of {@link LoadGenerator}, validated once; a bad value stops the run with a message that
 * names the option. Targets other than loopback need {@code --allow-remote}, so that a typo never load-tests
 * someone else's gateway. {@code --sim-url} (the SMSC simulator's HTTP view) is needed by {@code verify} (to read
 * the codes; so is {@code overload} when its mix has a verify share) and enables the end-to-end latency (intended
 * send → submit_sm at the simulator) of the others; the closed-loop scenarios need it (messages at the SMSC) and
 * take options of their own ({@link ClosedOptions}, null for the others).
 */
record LoadOptions(Scenario scenario, URI url, String apiKey, Optional<URI> simUrl, int rate, Duration duration,
                   Duration warmup, int maxInFlight, Purpose purpose, long idOffset, int connections,
                   Optional<Path> json, int recipients, int campaignRate, RequestMix mix, ClosedOptions closed) {

    static final String USAGE = "usage: LoadGenerator --scenario otp|verify|notices|mixed|overload|closed-notices|closed-otp|closed-get"
            + " --url http://127.0.0.1:8080 --key KEY [--sim-url http://127.0.0.1:8089] [--rate 2000] [--duration 20s]"
            + " [--warmup 5s] [--max-in-flight 2000] [--purpose ACTIVATE] [--id-offset 0] [--connections 64]"
            + " [--json FILE] [--recipients 100000] [--campaign-rate 5000] [--mix " + RequestMix.DEFAULT + "]"
            + ClosedOptions.USAGE + " [--allow-remote]";

    /** What a run sends at its rate. */
    enum Scenario {
        /** {@code POST /v1/otp} with a fresh citizen and phone each. */
        OTP,
        /** {@code POST /v1/otp/verify} with the right code, for OTPs issued (unmeasured) before the run. */
        VERIFY,
        /** {@code POST /v1/messages}: transactional notices from a template, each to a fresh phone. */
        NOTICES,
        /** OTP issue at the rate while a campaign of {@code --recipients} runs at {@code --campaign-rate}. */
        MIXED,
        /** A mix of request classes ({@code --mix}) at one total rate; shed answers are told from errors. */
        OVERLOAD,
        /** Closed loop ({@link ClosedRun}): {@code --requests} transactional notices, each sent when a connection is free. */
        CLOSED_NOTICES,
        /** Closed loop: {@code --requests} OTP issues, a fresh citizen and phone each. */
        CLOSED_OTP,
        /** Closed loop: {@code GET --get-path} with a fresh phone each, e.g. Kannel's {@code sendsms}. */
        CLOSED_GET;

        boolean isClosed() {
            return this == CLOSED_NOTICES || this == CLOSED_OTP || this == CLOSED_GET;
        }

        /** As the command line writes it: {@code otp}, {@code closed-notices}. */
        String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    static LoadOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        boolean allowRemote = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--allow-remote")) {
                allowRemote = true;
            } else if (name.startsWith("--") && i + 1 < args.length) {
                given.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
        }
        Scenario scenario = scenario(optional(given, "--scenario", "otp"));
        URI url = url("--url", required(given, "--url"), allowRemote);
        String key = required(given, "--key");
        String rawSim = given.remove("--sim-url");
        Optional<URI> simUrl = rawSim == null ? Optional.empty() : Optional.of(url("--sim-url", rawSim, allowRemote));
        if (scenario.isClosed() && simUrl.isEmpty()) {
            throw new IllegalArgumentException("--sim-url is required by the closed-loop scenarios (messages at the SMSC)");
        }
        if (scenario == Scenario.VERIFY && simUrl.isEmpty()) {
            throw new IllegalArgumentException("--sim-url is required by the verify scenario (it reads the codes there)");
        }
        String rawMix = given.remove("--mix");
        if (rawMix != null && scenario != Scenario.OVERLOAD) {
            throw new IllegalArgumentException("--mix is for the overload scenario only");
        }
        RequestMix mix = RequestMix.parse(rawMix == null ? RequestMix.DEFAULT : rawMix);
        if (scenario == Scenario.OVERLOAD && mix.share(RequestMix.RequestClass.VERIFY) > 0 && simUrl.isEmpty()) {
            throw new IllegalArgumentException("--sim-url is required by an overload mix with a verify share"
                    + " (it reads the codes there)");
        }
        int rate = positiveInt(given, "--rate", "2000");
        Duration duration = duration(given, "--duration", "20s");
        Duration warmup = duration(given, "--warmup", "5s");
        int maxInFlight = positiveInt(given, "--max-in-flight", "2000");
        Purpose purpose = purpose(optional(given, "--purpose", "ACTIVATE"));
        long idOffset = nonNegativeLong(given, "--id-offset", "0");
        int connections = positiveInt(given, "--connections", "64");
        String rawJson = given.remove("--json");
        Optional<Path> json = rawJson == null ? Optional.empty() : Optional.of(Path.of(rawJson));
        int recipients = positiveInt(given, "--recipients", "100000");
        int campaignRate = positiveInt(given, "--campaign-rate", "5000");
        ClosedOptions closed = ClosedOptions.parse(given, scenario);
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be more than 0");
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + given.keySet());
        }
        return new LoadOptions(scenario, url, key, simUrl, rate, duration, warmup, maxInFlight, purpose, idOffset,
                connections, json, recipients, campaignRate, mix, closed);
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.remove(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static String optional(Map<String, String> given, String name, String fallback) {
        String value = given.remove(name);
        return value == null ? fallback : value;
    }

    private static URI url(String name, String raw, boolean allowRemote) {
        URI url;
        try {
            url = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException(name + " must look like http://127.0.0.1:8080, got '" + raw + "'");
        }
        if (!allowRemote && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException(name + " " + url.getHost() + " is not loopback; add --allow-remote"
                    + " only for a gateway you own");
        }
        return url;
    }

    private static Scenario scenario(String raw) {
        try {
            return Scenario.valueOf(raw.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scenario must be one of otp, verify, notices, mixed, overload,"
                    + " closed-notices, closed-otp, closed-get, got '" + raw + "'", e);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url host " + host + " does not resolve", e);
        }
    }

    static int positiveInt(Map<String, String> given, String name, String fallback) {
        long value = nonNegativeLong(given, name, fallback);
        if (value == 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive integer, got " + value);
        }
        return (int) value;
    }

    private static long nonNegativeLong(Map<String, String> given, String name, String fallback) {
        String raw = optional(given, name, fallback);
        try {
            long value = Long.parseLong(raw);
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + raw + "'", e);
        }
    }

    static Duration duration(Map<String, String> given, String name, String fallback) {
        String raw = optional(given, name, fallback);
        Matcher m = DURATION.matcher(raw.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must look like 500ms, 20s or 2m, got '" + raw + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static Purpose purpose(String raw) {
        try {
            return Purpose.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--purpose must be one of " + Arrays.toString(Purpose.values())
                    + ", got '" + raw + "'", e);
        }
    }
}
