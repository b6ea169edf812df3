package vn.vneid.gateway.notices.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import vn.vneid.gateway.config.ConfigException;
import vn.vneid.gateway.notices.webhooks.WebhookConfig.Backoff;

class WebhookConfigTest {
    private static final String SECRET = "whsec-default-0123456789abcdefghijkl";

    @Test
    void aFullSectionIsRead() {
        WebhookConfig config = read("""
                secret: whsec-default-0123456789abcdefghijkl
                maxAttempts: 8
                backoff: {initial: 2s, max: 5m}
                requestTimeout: 3s
                claimIdle: 90s
                pollInterval: 100ms
                batchSize: 16
                allowedHosts: [hooks.registry.gov.vn, "*.bca.gov.vn"]
                clients:
                  registry:
                    url: https://hooks.registry.gov.vn/sms-status?token=abc
                    secret: whsec-registry-0123456789abcdefghijk
                  police:
                    secret: whsec-police-0123456789abcdefghijklm
                """);
        assertThat(config.maxAttempts()).isEqualTo(8);
        assertThat(config.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.claimIdle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.batchSize()).isEqualTo(16);
        assertThat(config.defaultUrl("registry")).contains("https://hooks.registry.gov.vn/sms-status?token=abc");
        assertThat(config.defaultUrl("police")).isEmpty();
        assertThat(config.secretFor("registry")).isEqualTo("whsec-registry-0123456789abcdefghijk");
        assertThat(config.secretFor("police")).isEqualTo("whsec-police-0123456789abcdefghijklm");
        assertThat(config.secretFor("nobody")).isEqualTo(SECRET);
        assertThat(config.urlProblem("https://notify.hanoi.bca.gov.vn/x")).isEmpty();
        assertThat(config.toString()).doesNotContain("whsec", "token=abc");
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        WebhookConfig config = read("secret: " + SECRET);
        assertThat(config.maxAttempts()).isEqualTo(12);
        assertThat(config.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10)));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.claimIdle()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.allowedHosts()).isEmpty();
    }

    @Test
    void errorsNameTheBadKey() {
        assertError("maxAttempts: 3", "webhooks.secret: is required");
        assertError("secret: short", "webhooks.secret: must be at least 32");
        assertError("secret: " + SECRET + "\nretries: 3", "webhooks.retries: unknown setting");
        assertError("secret: " + SECRET + "\nmaxAttempts: many", "webhooks.maxAttempts: must be a whole number");
        assertError("secret: " + SECRET + "\nbackoff: {initial: soon}", "webhooks.backoff.initial: must be a duration");
        assertError("secret: " + SECRET + "\nbackoff: {initial: 1m, max: 1s}", "webhooks.backoff.max: must not be below");
        assertError("secret: " + SECRET + "\nallowedHosts: example.vn", "webhooks.allowedHosts: must be a list");
        assertError("secret: " + SECRET + "\nallowedHosts: ['*']\nclients: {registry: {url: 'ftp://files.example.vn/'}}",
                "webhooks.clients.registry.url: must be an http or https URL");
        assertError("secret: " + SECRET + "\nallowedHosts: [example.vn]\nclients: {registry: {url: 'https://10.0.0.7/hook'}}",
                "webhooks.clients.registry.url: host 10.0.0.7 is not in webhooks.allowedHosts");
        assertError("secret: " + SECRET + "\nclients: {registry: {secret: short}}", "webhooks.clients.registry.secret: must be at least 32");
        assertError("secret: " + SECRET + "\nclients: {registry: {uri: 'https://example.vn'}}", "webhooks.clients.registry.uri: unknown setting");
    }

    @Test
    void aStarAllowsDnsNamesButNeverLoopbackOrIpLiterals() {
        WebhookConfig star = WebhookConfig.defaults(SECRET).withAllowedHosts("*");
        assertThat(star.urlProblem("https://hooks.example.vn/status")).isEmpty();
        assertThat(star.urlProblem("http://hooks.example.vn:8443/status")).isEmpty();
        for (String url : List.of("http://localhost:8080/", "http://LOCALHOST/", "http://api.localhost/", "http://127.0.0.1/",
                "http://169.254.169.254/latest/meta-data", "http://10.0.0.7/", "http://[::1]/", "http://2130706433/",
                "http://0x7f000001/")) {
            assertThat(star.urlProblem(url)).as(url).isPresent();
        }
    }

    @Test
    void loopbackIsAllowedOnlyWhenListed() {
        WebhookConfig none = WebhookConfig.defaults(SECRET);
        WebhookConfig listed = none.withAllowedHosts("127.0.0.1", "localhost");
        assertThat(none.urlProblem("http://127.0.0.1:9000/hook")).contains("host 127.0.0.1 is not in webhooks.allowedHosts");
        assertThat(listed.urlProblem("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(listed.urlProblem("http://localhost:9000/hook")).isEmpty();
        assertThat(listed.urlProblem("http://127.0.0.2:9000/hook")).isPresent();
    }

    @Test
    void urlsMustBeHttpWithAHostAndNoUserInfo() {
        WebhookConfig config = WebhookConfig.defaults(SECRET).withAllowedHosts("example.vn");
        assertThat(config.urlProblem("file:///etc/passwd")).contains("must be an http or https URL");
        assertThat(config.urlProblem("gopher://example.vn/")).contains("must be an http or https URL");
        assertThat(config.urlProblem("https://user:pw@example.vn/")).isPresent();
        assertThat(config.urlProblem("https:/nohost")).isPresent();
        assertThat(config.urlProblem("not a url")).isPresent();
        assertThat(config.urlProblem("HTTPS://EXAMPLE.VN/hook")).isEmpty();
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCapWithJitter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10));
        assertThat(backoff.delayAfter(1, 0.999999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(1, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(2, 0.999999)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(5, 0.999999)).isBetween(Duration.ofMillis(15999), Duration.ofSeconds(16));
        assertThat(backoff.delayAfter(11, 0.999999)).isBetween(Duration.ofMillis(599_999), Duration.ofMinutes(10));
        assertThat(backoff.delayAfter(1000, 0)).isEqualTo(Duration.ofMinutes(5));
    }

    private static WebhookConfig read(String yaml) {
        Map<String, Object> section = new Yaml().load(yaml);
        return WebhookConfig.fromYaml(section);
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }
}
