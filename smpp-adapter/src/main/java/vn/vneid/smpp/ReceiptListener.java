package vn.vneid.smpp;

import vn.vneid.smpp.receipt.DeliveryReceipt;

/** Told of every delivery receipt a carrier sends; called on an SMPP thread, so it must not block long. */
@FunctionalInterface
public interface ReceiptListener {
    void onReceipt(String carrier, DeliveryReceipt receipt);

    ReceiptListener IGNORE = (carrier, receipt) -> { };
}
