package vn.vneid.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The options of the closed-loop scenarios ({@link ClosedRun}), validated once; a bad value names its option.
 *
 * <ul>
 *   <li>{@code --requests} (50000): how many requests the run sends, each to a number of its own;</li>
 *   <li>{@code --time-limit} (180s): sending stops then even if requests are left (they count as not sent);</li>
 *   <li>{@code --drain-wait} (60s): how long the run then waits for its messages at the SMSC and their receipts;</li>
 *   <li>{@code --receipts}: when the run is done — {@code metric} (the gateway's scenarios' default): once the
 *       gateway's {@code sms_receipts_total} grew by the messages accepted, i.e. every receipt was recorded;
 *       {@code callback}: once a delivery-report callback came for each (Kannel's {@code dlr-url}, served by the
 *       generator); {@code none} ({@code closed-get}'s default): once every message reached the SMSC;</li>
 *   <li>{@code --get-path} ({@code closed-get} only): the path and query to {@code GET}, with {@code {to}} where the
 *       phone number goes, e.g. Kannel's {@code /cgi-bin/sendsms?username=u&password=p&to={to}&text=…};</li>
 *   <li>{@code --cpu} ({@code gateway=1234,redis=5678}): processes whose CPU time ({@code /proc/<pid>/stat}) is
 *       read before the first request and after the run is done, reported per message;</li>
 *   <li>{@code --clock-ticks} (100): the kernel's {@code CLK_TCK} ({@code getconf CLK_TCK}), the unit of those times;</li>
 *   <li>{@code --expect} ({@code closed-get} only, 202): the status of an accepted request (the gateway's
 *       scenarios expect their 202).</li>
 * </ul>
 */
record ClosedOptions(int requests, Duration timeLimit, Duration drainWait, Receipts receipts, Optional<String> getPath,
                     Map<String, Long> cpu, int clockTicks, int expectedStatus) {

    /** When a closed run is done (see the class comment). */
    enum Receipts {
        METRIC, CALLBACK, NONE
    }

    static final String USAGE = " [--requests 50000] [--time-limit 180s] [--drain-wait 60s] [--receipts metric|callback|none]"
            + " [--get-path '/cgi-bin/sendsms?…&to={to}'] [--cpu gateway=PID,redis=PID] [--clock-ticks 100] [--expect 202]";

    /** The placeholder of {@code --get-path} that becomes each request's phone number. */
    static final String TO = "{to}";
    private static final String[] NAMES = {"--requests", "--time-limit", "--drain-wait", "--receipts", "--get-path",
            "--cpu", "--clock-ticks", "--expect"};

    /** Takes the closed-loop options out of {@code given}; refuses them for the open-model scenarios. */
    static ClosedOptions parse(Map<String, String> given, LoadOptions.Scenario scenario) {
        if (!scenario.isClosed()) {
            for (String name : NAMES) {
                if (given.containsKey(name)) {
                    throw new IllegalArgumentException(name + " is for the closed-loop scenarios only");
                }
            }
            return null;
        }
        int requests = LoadOptions.positiveInt(given, "--requests", "50000");
        if (requests > Identities.CAPACITY) {
            throw new IllegalArgumentException("--requests must be at most " + Identities.CAPACITY + ", got " + requests);
        }
        Duration timeLimit = LoadOptions.duration(given, "--time-limit", "180s");
        Duration drainWait = LoadOptions.duration(given, "--drain-wait", "60s");
        if (timeLimit.isZero()) {
            throw new IllegalArgumentException("--time-limit must be more than 0");
        }
        boolean get = scenario == LoadOptions.Scenario.CLOSED_GET;
        Receipts receipts = receipts(given.remove("--receipts"), get);
        String getPath = given.remove("--get-path");
        if (get && (getPath == null || !getPath.startsWith("/") || !getPath.contains(TO))) {
            throw new IllegalArgumentException("--get-path is required by closed-get: a path starting with / that holds "
                    + TO + ", got '" + getPath + "'");
        }
        if (!get && getPath != null) {
            throw new IllegalArgumentException("--get-path is for the closed-get scenario only");
        }
        Map<String, Long> cpu = cpu(given.remove("--cpu"));
        int clockTicks = LoadOptions.positiveInt(given, "--clock-ticks", "100");
        if (!get && given.containsKey("--expect")) {
            throw new IllegalArgumentException("--expect is for the closed-get scenario only");
        }
        int expect = LoadOptions.positiveInt(given, "--expect", "202");
        if (expect < 200 || expect > 299) {
            throw new IllegalArgumentException("--expect must be a 2xx status, got " + expect);
        }
        return new ClosedOptions(requests, timeLimit, drainWait, receipts, Optional.ofNullable(getPath), cpu, clockTicks,
                expect);
    }

    private static Receipts receipts(String raw, boolean get) {
        Receipts receipts;
        try {
            receipts = raw == null ? (get ? Receipts.NONE : Receipts.METRIC) : Receipts.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--receipts must be metric, callback or none, got '" + raw + "'", e);
        }
        if (get && receipts == Receipts.METRIC) {
            throw new IllegalArgumentException("--receipts metric reads the gateway's metrics: not for closed-get"
                    + " (use callback or none)");
        }
        if (!get && receipts == Receipts.CALLBACK) {
            throw new IllegalArgumentException("--receipts callback is for closed-get (Kannel's dlr-url) only");
        }
        return receipts;
    }

    /** {@code name=pid,name=pid}, in the order given. */
    static Map<String, Long> cpu(String raw) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return pids;
        }
        for (String entry : raw.split(",")) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).trim();
            String pid = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (!name.matches("[a-z][a-z0-9_]{0,31}") || !pid.matches("[1-9][0-9]{0,9}") || pids.containsKey(name)) {
                throw new IllegalArgumentException("--cpu must look like gateway=1234,redis=5678 (distinct lower-case"
                        + " names, process ids), got '" + raw + "'");
            }
            pids.put(name, Long.parseLong(pid));
        }
        return pids;
    }
}
