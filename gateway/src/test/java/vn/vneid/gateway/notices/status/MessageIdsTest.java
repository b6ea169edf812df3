package vn.vneid.gateway.notices.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void idsAreMsgAnd32LowercaseHexDigits() {
        assertThat(MessageIds.next()).matches("msg_[0-9a-f]{32}");
    }

    @Test
    void idsAreDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(MessageIds.next());
        }
        assertThat(ids).hasSize(10_000);
    }
}
