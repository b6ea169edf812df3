package vn.vneid.gateway.notices.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.LongMessageMode;
import vn.vneid.smpp.encoding.EncodedSms;
import vn.vneid.smpp.encoding.SmsEncoder;

/** At campaign scale every segment is paid for: a Vietnamese notice, unaccented, must be one GSM-7 SMS. */
class BuiltinTemplatesFitOneSmsTest {
    private static final JsonObject REALISTIC = new JsonObject()
            .put("name", "Nguyễn Thị Phương Thảo").put("expiryDate", "2027-03-15").put("deadline", "2026-12-01")
            .put("fileCode", "HS2026000123").put("result", "Đã phê duyệt");

    @Test
    void everyVietnameseBuiltinUnaccentedIsOneGsm7Segment() {
        TemplateRegistry registry = new TemplateRegistry(List.of(), new InMemoryTemplateStore());
        for (Template t : BuiltinTemplates.all()) {
            JsonObject vars = new JsonObject();
            t.vars().keySet().forEach(v -> vars.put(v, REALISTIC.getValue(v)));
            String text = registry.render(t.name(), "vi", vars);
            EncodedSms sms = SmsEncoder.encode(text, 0, LongMessageMode.UDH8, true);
            assertThat(sms.encodingName()).as(t.name()).isEqualTo("gsm7");
            assertThat(sms.segments()).as(t.name() + ": " + text).hasSize(1);
        }
    }
}
