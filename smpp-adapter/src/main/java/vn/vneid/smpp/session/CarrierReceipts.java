package vn.vneid.smpp.session;

import java.util.concurrent.CompletionStage;
import vn.vneid.smpp.CarrierConfig;
import vn.vneid.smpp.ReceiptListener;
import vn.vneid.smpp.internal.ReceiptOutage;
import vn.vneid.smpp.internal.ReceiptReceiver;
import vn.vneid.smpp.receipt.DeliveryReceipt;

/**
 * A carrier's delivery receipts: each bind's session gets a {@link ReceiptReceiver} of its own (its own waiting
 * slots), all hand their receipts to the {@link ReceiptListener} and share one outage log; a receipt is counted
 * in {@code sms_receipts_total} once the listener has it safe, and in {@code sms_receipts_deferred_total} each
 * time it is answered with a temporary error for the SMSC to send again.
 */
final class CarrierReceipts implements ReceiptReceiver.Sink {
    private final CarrierConfig config;
    private final ReceiptListener listener;
    private final CarrierMetrics metrics;
    private final ReceiptOutage outage;

    CarrierReceipts(CarrierConfig config, ReceiptListener listener, CarrierMetrics metrics) {
        this.config = config;
        this.listener = listener;
        this.metrics = metrics;
        this.outage = new ReceiptOutage(config.name(), System::nanoTime);
    }

    /** The receiver for one more session. */
    ReceiptReceiver newReceiver() {
        return new ReceiptReceiver(config.name(), config.receiptIds(), this, ReceiptReceiver.Limits.DEFAULT, outage);
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
