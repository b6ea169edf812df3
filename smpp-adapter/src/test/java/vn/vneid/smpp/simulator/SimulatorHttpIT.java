package vn.vneid.smpp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's HTTP view, over a real socket, of messages submitted over a real SMPP session. */
class SimulatorHttpIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SmscSimulator smsc;
    private SimulatorHttp server;
    private SMPPSession session;

    @BeforeEach
    void start() throws Exception {
        smsc = SmscSimulator.builder().start();
        server = SimulatorHttp.start(smsc, 0);
        session = JsmppTestClient.bindTransceiver(smsc.port(), "secret");
    }

    @AfterEach
    void stop() {
        session.unbindAndClose();
        server.close();
        smsc.close();
    }

    @Test
    void aScriptReadsTheNewestCodeSentToANumber() throws Exception {
        submit("84912345670", "VNeID: ma 111111");
        submit("84987654321", "other");
        submit("84912345670", "VNeID: ma \"222222\"");
        smsc.awaitMessages(3, Duration.ofSeconds(5));

        HttpResponse<String> newest = get("/messages?to=0912345670&limit=1");
        assertThat(newest.statusCode()).isEqualTo(200);
        assertThat(newest.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(newest.body()).startsWith("{\"total\":3,\"messages\":[{\"id\":\"")
                .contains("\"to\":\"84912345670\"", "\"text\":\"VNeID: ma \\\"222222\\\"\"", "\"encoding\":\"gsm7\"")
                .doesNotContain("111111");

        String both = get("/messages?to=84912345670").body();
        assertThat(both.indexOf("111111")).as("oldest first").isPositive().isLessThan(both.indexOf("222222"));
        assertThat(both).doesNotContain("other");
    }

    @Test
    void aBenchReadsEveryMessageToAPrefixAndTheCounters() throws Exception {
        submit("84912345670", "one");
        submit("84961234567", "two");
        submit("84912345671", "three");
        smsc.awaitMessages(3, Duration.ofSeconds(5));

        String prefixed = get("/messages?toPrefix=84912&limit=10").body();
        assertThat(prefixed).contains("\"text\":\"one\"", "\"text\":\"three\"").doesNotContain("\"text\":\"two\"");
        assertThat(get("/messages?limit=1").body()).contains("\"text\":\"three\"").doesNotContain("\"text\":\"one\"");
        assertThat(get("/stats").body()).contains("\"received\":3", "\"duplicates\":0", "\"submitSm\":3", "\"boundSessions\":1");
    }

    @Test
    void badParametersAreNamedInAProblem() throws Exception {
        for (String query : new String[] {"limit=0", "limit=abc", "limit=1000001"}) {
            HttpResponse<String> answer = get("/messages?" + query);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"field\":\"limit\"");
        }
        assertThat(get("/messages?to=12345").body()).contains("\"field\":\"to\"");
        assertThat(get("/messages?toPrefix=84x").body()).contains("\"field\":\"toPrefix\"");
        assertThat(get("/messages?to=0912345670&toPrefix=84").statusCode()).isEqualTo(400);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/messages"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void submit(String to, String text) throws Exception {
        session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "VNeID",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 0, null, null,
                new RegisteredDelivery(), (byte) 0, DataCodings.ZERO, (byte) 0, text.getBytes(StandardCharsets.US_ASCII));
    }
}
