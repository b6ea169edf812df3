package vn.vneid.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.vneid.load.RequestMix.RequestClass;

class RequestMixTest {
    @Test
    void theDefaultSplitsEquallyAndInterleavesTheClasses() {
        RequestMix mix = RequestMix.parse(RequestMix.DEFAULT);
        for (RequestClass c : RequestClass.values()) {
            assertThat(mix.countOf(c, 1000)).isEqualTo(250);
        }
        assertThat(mix.classOf(0)).isNotEqualTo(mix.classOf(1));
        Set<RequestClass> firstFour = new HashSet<>();
        for (long i = 0; i < 4; i++) {
            firstFour.add(mix.classOf(i));
        }
        assertThat(firstFour).as("every class within the first four requests, not in bursts").hasSize(4);
    }

    @Test
    void unevenSharesAreKeptInEveryCycleAndSpreadOut() {
        RequestMix mix = RequestMix.parse("verify=1,issue=3,bulk=6");
        assertThat(mix.countOf(RequestClass.TRANSACTIONAL, 1_000)).isZero();
        Map<RequestClass, Integer> firstCycle = new EnumMap<>(RequestClass.class);
        int longestBulkRun = 0;
        int run = 0;
        for (long i = 0; i < 10; i++) {
            firstCycle.merge(mix.classOf(i), 1, Integer::sum);
            run = mix.classOf(i) == RequestClass.BULK ? run + 1 : 0;
            longestBulkRun = Math.max(longestBulkRun, run);
        }
        assertThat(firstCycle).containsEntry(RequestClass.VERIFY, 1).containsEntry(RequestClass.ISSUE, 3)
                .containsEntry(RequestClass.BULK, 6);
        assertThat(longestBulkRun).isLessThanOrEqualTo(2);
    }

    @Test
    void eachRequestHasTheNextIndexOfItsClassAndCountsAgree() {
        RequestMix mix = RequestMix.parse("verify=2,issue=5,transactional=1,bulk=3");
        Map<RequestClass, Long> next = new EnumMap<>(RequestClass.class);
        for (long i = 0; i < 1_003; i++) {
            RequestClass c = mix.classOf(i);
            assertThat(mix.indexInClass(i)).as("request %d", i).isEqualTo(next.getOrDefault(c, 0L));
            next.merge(c, 1L, Long::sum);
        }
        for (RequestClass c : RequestClass.values()) {
            assertThat(mix.countOf(c, 1_003)).as(c.label()).isEqualTo(next.getOrDefault(c, 0L));
        }
    }

    @Test
    void textNamesEveryClass() {
        assertThat(RequestMix.parse("issue=3, bulk=1").text()).isEqualTo("verify=0,issue=3,transactional=0,bulk=1");
    }

    @Test
    void aBadMixIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> RequestMix.parse("verify")).hasMessageContaining("--mix must look like");
        assertThatThrownBy(() -> RequestMix.parse("campaign=3")).hasMessageContaining("--mix class must be one of");
        assertThatThrownBy(() -> RequestMix.parse("issue=x")).hasMessageContaining("--mix share of issue");
        assertThatThrownBy(() -> RequestMix.parse("issue=-1")).hasMessageContaining("--mix share of issue");
        assertThatThrownBy(() -> RequestMix.parse("issue=1,issue=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> RequestMix.parse("issue=0,bulk=0")).hasMessageContaining("add up to");
        assertThatThrownBy(() -> RequestMix.parse("issue=1001")).hasMessageContaining("add up to");
    }
}
