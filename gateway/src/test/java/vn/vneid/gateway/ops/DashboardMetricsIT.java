package vn.vneid.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;
import vn.vneid.redis.testing.RedisServerExtension;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SubmitResult;

/**
 * The operators' dashboard ({@code ops/grafana}) and alert rules ({@code ops/prometheus/rules}) against a real
 * scrape: after real traffic on a two-carrier gateway, every metric they read exists, no label value carries a
 * phone, an ID number or a code, and the latency histograms span 1 ms to 60 s.
 */
class DashboardMetricsIT {
    /** Series Prometheus itself adds to every target; the gateway cannot (and must not) expose them. */
    private static final Set<String> ADDED_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");
    private static final Map<String, Pattern> PERSONAL_DATA = Map.of(
            "phone number", Pattern.compile("(?<!\\d)(?:84\\d{9}|0\\d{9})(?!\\d)"),
            "citizen ID", Pattern.compile("(?<!\\d)\\d{12}(?!\\d)"),
            "OTP code", Pattern.compile("(?<!\\d)\\d{6}(?!\\d)"));
    /** Labels whose values are bucket bounds or quantiles: numbers by definition, checked as such. */
    private static final Set<String> NUMERIC_LABELS = Set.of("le", "quantile");

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    static TwoCarrierGateway gw;
    static Scrape scrape;
    /** Every citizen ID, phone (as sent and as stored) and code the traffic used. */
    static final List<String> sent = new ArrayList<>();

    @BeforeAll
    static void driveTrafficAndScrape() throws Exception {
        gw = TwoCarrierGateway.start(redis.url());

        String viettelCitizen = "001099000181";
        String viettelPhone = "0961000181";
        assertThat(gw.issue("ACTIVATE", viettelCitizen, viettelPhone).statusCode()).isEqualTo(202);
        String viettelCode = TwoCarrierGateway.awaitCode(gw.viettel, "84961000181", 1);
        assertThat(gw.issue("ACTIVATE", viettelCitizen, viettelPhone).statusCode()).as("resend inside the cooldown")
                .isEqualTo(429);

        String mobifoneCitizen = "079099000182";
        String mobifonePhone = "84901000182";
        assertThat(gw.issue("LOGIN", mobifoneCitizen, mobifonePhone).statusCode()).isEqualTo(202);
        String mobifoneCode = TwoCarrierGateway.awaitCode(gw.mobifone, mobifonePhone, 1);
        String wrongCode = String.format("%06d", (Integer.parseInt(mobifoneCode) + 1) % 1_000_000);
        assertThat(gw.verify("LOGIN", mobifoneCitizen, wrongCode).statusCode()).as("wrong code").isEqualTo(422);
        assertThat(gw.verify("LOGIN", mobifoneCitizen, mobifoneCode).statusCode()).isEqualTo(200);
        assertThat(gw.verify("ACTIVATE", viettelCitizen, viettelCode).statusCode()).isEqualTo(200);
        sent.addAll(List.of(viettelCitizen, viettelPhone, "84961000181", viettelCode,
                mobifoneCitizen, mobifonePhone, "0901000182", mobifoneCode, wrongCode));

        assertThat(gw.get("/v1/no-such-route").statusCode()).isEqualTo(404);
        assertThat(gw.post("/v1/otp", new JsonObject().put("purpose", "ACTIVATE").put("citizenId", "001099000183")
                .put("phone", "12345").encode()).statusCode()).isEqualTo(400);
        sent.add("001099000183");

        // A failover, so that sms_failovers_total exists: no OTP text can be refused by viettel while it is up,
        // so this goes through the gateway's own sender with a text no carrier can encode (over 255 segments).
        SubmitResult refused = gw.gateway.sender().submit(new OutboundSms("msg_ops_failover",
                Msisdn.parse("84961000184"), "x".repeat(256 * 153 + 1), gw.clock.instant().plusSeconds(300), true))
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(refused.status()).isEqualTo(SubmitResult.Status.REJECTED_PERMANENT);
        sent.addAll(List.of("84961000184", "0961000184"));

        // Delivery receipts of both carriers are settled, and at least one GC pause has been recorded.
        TwoCarrierGateway.awaitTrue(() -> metricsText().contains("sms_delivery_seconds_count{carrier=\"viettel\",status=\"delivrd\"}")
                && metricsText().contains("sms_delivery_seconds_count{carrier=\"mobifone\",status=\"delivrd\"}"),
                Duration.ofSeconds(15));
        System.gc(); // jvm_gc_pause_seconds is registered on the first GC notification
        TwoCarrierGateway.awaitTrue(() -> metricsText().contains("jvm_gc_pause_seconds_count"), Duration.ofSeconds(10));

        String text = metricsText();
        scrape = Scrape.parse(text);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void everyMetricTheDashboardAndTheRulesReadIsScraped() throws IOException {
        Map<String, Set<String>> usedBy = new TreeMap<>();
        dashboardExpressions().forEach(e -> PromQlMetricNames.in(e)
                .forEach(n -> usedBy.computeIfAbsent(n, k -> new TreeSet<>()).add("dashboard")));
        Rules rules = rules();
        rules.expressions().forEach(e -> PromQlMetricNames.in(e)
                .forEach(n -> usedBy.computeIfAbsent(n, k -> new TreeSet<>()).add("rules")));
        usedBy.keySet().removeAll(rules.recorded());
        usedBy.keySet().removeAll(ADDED_BY_PROMETHEUS);
        System.out.println("[ops] metric names used by the dashboard and rules: " + usedBy);

        assertThat(usedBy).as("the parser found the dashboard's metrics")
                .containsKeys("otp_issued_total", "sms_submit_seconds_bucket", "smpp_sessions_bound",
                        "gateway_http_requests_seconds_count", "jvm_memory_used_bytes");
        SoftAssertions soft = new SoftAssertions();
        for (var use : usedBy.entrySet()) {
            soft.assertThat(scrape.has(use.getKey()))
                    .as("%s (used by %s) is in the scrape", use.getKey(), use.getValue()).isTrue();
        }
        soft.assertAll();
    }

    @Test
    void noLabelValueCarriesAPhoneAnIdNumberOrACode() {
        assertThat(sent).hasSizeGreaterThan(8);
        SoftAssertions soft = new SoftAssertions();
        for (Scrape.Sample s : scrape.samples()) {
            for (var label : s.labels().entrySet()) {
                String where = s.name() + "{" + label.getKey() + "=\"" + label.getValue() + "\"}";
                if (NUMERIC_LABELS.contains(label.getKey())) {
                    soft.assertThat(label.getValue()).as(where).matches("[+-]?(Inf|[0-9.]+(E-?[0-9]+)?)");
                    continue;
                }
                PERSONAL_DATA.forEach((what, pattern) ->
                        soft.assertThat(pattern.matcher(label.getValue()).find()).as(where + " looks like a " + what)
                                .isFalse());
                for (String value : sent) {
                    soft.assertThat(label.getValue()).as(where).doesNotContain(value);
                }
            }
            for (String value : sent) {
                soft.assertThat(s.name()).doesNotContain(value);
            }
        }
        soft.assertAll();
    }

    @Test
    void httpLatencyBucketsSpanOneMillisecondToOneMinute() {
        assertSpansOneMillisecondToOneMinute("gateway_http_requests_seconds");
    }

    @Test
    void submitLatencyBucketsSpanOneMillisecondToOneMinute() {
        assertSpansOneMillisecondToOneMinute("sms_submit_seconds");
    }

    private static void assertSpansOneMillisecondToOneMinute(String histogram) {
        List<Double> bounds = scrape.bucketBounds(histogram);
        assertThat(bounds).as(histogram + " buckets").isNotEmpty();
        assertThat(bounds.get(0)).as(histogram + " smallest le").isLessThanOrEqualTo(0.001);
        assertThat(bounds.get(bounds.size() - 1)).as(histogram + " largest finite le").isGreaterThanOrEqualTo(60.0);
    }

    private static String metricsText() {
        try {
            var r = gw.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    /** Every PromQL query of the dashboard: panel targets, and the {@code query} of query variables. */
    private static List<String> dashboardExpressions() throws IOException {
        JsonObject dashboard = new JsonObject(Files.readString(opsFile("grafana/vneid-gateway.json")));
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard, exprs);
        for (Object v : dashboard.getJsonObject("templating").getJsonArray("list")) {
            JsonObject variable = (JsonObject) v;
            if ("query".equals(variable.getString("type"))) {
                Object query = variable.getValue("query");
                exprs.add(query instanceof JsonObject q ? q.getString("query") : String.valueOf(query));
            }
        }
        assertThat(exprs).as("dashboard queries").hasSizeGreaterThan(20);
        return exprs;
    }

    private static void collectExprs(Object node, List<String> into) {
        if (node instanceof JsonObject o) {
            o.forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue() instanceof String s) {
                    into.add(s);
                } else {
                    collectExprs(e.getValue(), into);
                }
            });
        } else if (node instanceof JsonArray a) {
            a.forEach(v -> collectExprs(v, into));
        }
    }

    record Rules(List<String> expressions, Set<String> recorded) {
    }

    @SuppressWarnings("unchecked")
    private static Rules rules() throws IOException {
        List<String> exprs = new ArrayList<>();
        Set<String> recorded = new TreeSet<>();
        try (var files = Files.list(opsFile("prometheus/rules"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                Map<String, Object> doc = new Yaml().load(Files.readString(file));
                for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                    for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                        exprs.add(String.valueOf(rule.get("expr")));
                        if (rule.get("record") != null) {
                            recorded.add((String) rule.get("record"));
                        }
                    }
                }
            }
        }
        assertThat(exprs).as("alert and recording rules").isNotEmpty();
        return new Rules(exprs, recorded);
    }

    /** A file under the checkout's {@code ops/}; tests run in the module directory, so look upwards. */
    private static Path opsFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ops").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("ops/" + relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
