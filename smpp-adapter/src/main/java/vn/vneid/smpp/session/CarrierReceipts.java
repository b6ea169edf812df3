package vn.vneid.smpp.session;

import java.util.concurrent.CompletionStage;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.internal.ReceiptOutage;
import vn.vneid.smpp.internal.ReceiptReceiver;
import vn.vneid.smpp.receipt.DeliveryReceipt;

/**
 * A carrier's delivery receipts: read by one {@link ReceiptReceiver} for all its binds, handed to the
 * {@link ReceiptListener}, counted in {@code sms_receipts_total} once the listener has them safe and in
 * {@code sms_receipts_deferred_total} each time one is answered with a temporary error for the SMSC to send
 * again. Answers known late are written by the session's event loop.
 */
final class CarrierReceipts implements ReceiptReceiver.Sink {
    private final CarrierConfig config;
    private final ReceiptListener listener;
    private final CarrierMetrics metrics;
    private final ReceiptReceiver receiver;

    CarrierReceipts(CarrierConfig config, ReceiptListener listener, CarrierMetrics metrics) {
        this.config = config;
        this.listener = listener;
        this.metrics = metrics;
        this.receiver = new ReceiptReceiver(config.name(), config.receiptIds(), this,
                ReceiptReceiver.DEFAULT_ANSWER_WITHIN, new ReceiptOutage(config.name(), System::nanoTime));
    }

    ReceiptReceiver receiver() {
        return receiver;
    }

    @Override
    public CompletionStage<Void> receipt(DeliveryReceipt receipt) {
        return listener.onReceipt(config.name(), receipt).thenRun(() -> metrics.receipt(receipt.state()));
    }

    @Override
    public void unparseable() {
        metrics.unparseableReceipt();
    }

    @Override
    public void deferred() {
        metrics.receiptDeferred();
    }
}
