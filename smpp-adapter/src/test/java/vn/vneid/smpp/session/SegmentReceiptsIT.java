package vn.vneid.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import vn.vneid.smpp.CarrierUrl;
import vn.vneid.smpp.Msisdn;
import vn.vneid.smpp.OutboundSms;
import vn.vneid.smpp.SubmitResult;
import vn.vneid.smpp.receipt.DeliveryReceipt;
import vn.vneid.smpp.receipt.ReceiptState;
import vn.vneid.smpp.simulator.ReceivedSms;
import vn.vneid.smpp.simulator.SmscSimulator;

/** Long messages on the wire: a receipt per segment, and unaccent turning three UCS-2 segments into one GSM-7. */
class SegmentReceiptsIT {
    private static final String NOTICE = "Thông báo: Thẻ Căn cước công dân của ông/bà sẽ hết hạn vào ngày 15/03/2027. "
            + "Vui lòng đến cơ quan Công an nơi cư trú để làm thủ tục cấp đổi trước ngày hết hạn.";

    @Test
    void everySegmentOfALongMessageGetsItsOwnReceipt() throws Exception {
        List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
        try (SmscSimulator smsc = SmscSimulator.builder().receiptDelay(Duration.ofMillis(10)).start()) {
            JsmppCarrier carrier = carrier(smsc, "", (name, r) -> {
                receipts.add(r);
                return vn.vneid.smpp.ReceiptListener.DONE;
            });
            try {
                SubmitResult result = carrier.submit(sms(NOTICE, false)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(result.accepted()).isTrue();
                assertThat(result.smscMessageIds()).hasSize(3);
                awaitTrue(() -> receipts.size() == 3);
                assertThat(receipts).extracting(DeliveryReceipt::smscMessageId).containsExactlyInAnyOrderElementsOf(
                        result.smscMessageIds().stream().map(vn.vneid.smpp.receipt.DeliveryReceiptParser::normaliseId).toList());
                assertThat(receipts).allMatch(r -> r.state() == ReceiptState.DELIVRD);
                ReceivedSms received = smsc.awaitMessageTo("84961000090", Duration.ofSeconds(5));
                assertThat(received.text()).isEqualTo(NOTICE);
                assertThat(received.segments()).isEqualTo(3);
            } finally {
                carrier.close();
            }
        }
    }

    @Test
    void anUnaccentedNoticeIsOneGsm7Segment() throws Exception {
        try (SmscSimulator smsc = SmscSimulator.builder().start()) {
            JsmppCarrier carrier = carrier(smsc, "&longMessages=udh16", vn.vneid.smpp.ReceiptListener.IGNORE);
            try {
                SubmitResult result = carrier.submit(sms(NOTICE, true)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(result.smscMessageIds()).hasSize(1);
                ReceivedSms received = smsc.awaitMessageTo("84961000090", Duration.ofSeconds(5));
                assertThat(received.encoding()).isEqualTo("gsm7");
                assertThat(received.text()).startsWith("Thong bao: The Can cuoc cong dan cua ong/ba se het han");
            } finally {
                carrier.close();
            }
        }
    }

    private static OutboundSms sms(String text, boolean unaccent) {
        return new OutboundSms("m1", Msisdn.parse("0961000090"), text, Instant.now().plus(Duration.ofMinutes(5)), false,
                unaccent);
    }

    private static JsmppCarrier carrier(SmscSimulator smsc, String options, vn.vneid.smpp.ReceiptListener listener)
            throws Exception {
        JsmppCarrier carrier = new JsmppCarrier(CarrierUrl.parse("viettel", "smpp://vneid:secret@127.0.0.1:"
                + smsc.port() + "?window=4" + options), listener, new SimpleMeterRegistry(), Clock.systemUTC());
        carrier.start();
        carrier.awaitBound().get(10, TimeUnit.SECONDS);
        return carrier;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
