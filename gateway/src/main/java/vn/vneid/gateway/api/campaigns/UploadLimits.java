package vn.vneid.gateway.api.campaigns;

import java.util.concurrent.atomic.LongAdder;

/**
 * How an upload is cut and paced: recipients per lane write ({@code batchSize}), lane writes in flight before
 * the request is paused ({@code maxInFlight}), the longest line, and how many refused lines the answer lists.
 * {@code pauses} counts how often uploads were paused for backpressure.
 */
record UploadLimits(int batchSize, int maxInFlight, int maxLineBytes, int maxErrors, LongAdder pauses) {
    static UploadLimits defaults() {
        return new UploadLimits(1000, 4, 16 * 1024, 1000, new LongAdder());
    }
}
