package vn.vneid.gateway.api.campaigns;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.http.Problems;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.NoticeException;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.gateway.notices.TemplateRenderer;
import vn.vneid.gateway.notices.campaigns.Campaign;
import vn.vneid.gateway.notices.campaigns.CampaignProblems;
import vn.vneid.gateway.notices.campaigns.CampaignState;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;

/**
 * One upload in progress, confined to the request's event loop. The body is split into lines as it arrives;
 * valid recipients are collected into batches, and each full batch is counted ({@link RedisCampaignStore#reserve})
 * and then written to the lane. At most {@code maxInFlight} batches are being written at once: beyond that
 * the request is paused, so a slow Redis slows the client (TCP backpressure) instead of filling the heap.
 * The answer is written once the body has ended and every batch is written.
 */
final class RecipientUpload {
    private static final Logger log = LoggerFactory.getLogger(RecipientUpload.class);
    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final Context context;
    private final Campaign campaign;
    private final RedisCampaignStore store;
    private final NoticeLanes lanes;
    private final TemplateRenderer templates;
    private final Clock clock;
    private final UploadLimits limits;
    private final String requestId;
    private final JsonArray errors = new JsonArray();
    private List<LaneMessage> batch;
    private long line;
    private long received;
    private long invalid;
    private long queued;
    private long batchReceived;
    private long batchInvalid;
    private int inFlight;
    private boolean paused;
    private boolean ended;
    private boolean answered;
    private Throwable failure;

    RecipientUpload(RoutingContext ctx, Campaign campaign, RedisCampaignStore store, NoticeLanes lanes,
                    TemplateRenderer templates, Clock clock, UploadLimits limits, String requestId) {
        this.ctx = ctx;
        this.request = ctx.request();
        this.context = ctx.vertx().getOrCreateContext();
        this.campaign = campaign;
        this.store = store;
        this.lanes = lanes;
        this.templates = templates;
        this.clock = clock;
        this.limits = limits;
        this.requestId = requestId;
        this.batch = new ArrayList<>(limits.batchSize());
    }

    /** Starts reading the (paused) request. */
    void start() {
        RecordParser parser = RecordParser.newDelimited("\n", this::onLine);
        parser.maxRecordSize(limits.maxLineBytes());
        parser.exceptionHandler(e -> fail(ProblemException.of(413, "request.too_large",
                "line " + (line + 1) + " is longer than " + limits.maxLineBytes() + " bytes")));
        request.handler(chunk -> {
            if (failure == null) {
                parser.handle(chunk);
            }
        });
        request.exceptionHandler(e -> fail(ProblemException.of(400, "request.malformed",
                "the upload broke off: " + e.getMessage())));
        request.endHandler(v -> {
            if (failure == null) {
                parser.handle(Buffer.buffer("\n"));
            }
            ended = true;
            if (failure == null && (!batch.isEmpty() || batchReceived > 0)) {
                flush();
            }
            finishIfDone();
        });
        request.resume();
    }

    private void onLine(Buffer raw) {
        line++;
        if (failure != null) {
            return;
        }
        Buffer text = trimmed(raw);
        if (text.length() == 0) {
            return;
        }
        batchReceived++;
        RecipientLine parsed = RecipientLine.parse(text, campaign, templates, requestId, clock.instant());
        if (parsed.message() == null) {
            batchInvalid++;
            if (errors.size() < limits.maxErrors()) {
                JsonObject error = new JsonObject().put("line", line);
                if (parsed.field() != null) {
                    error.put("field", parsed.field());
                }
                errors.add(error.put("reason", parsed.reason()));
            }
        } else {
            batch.add(parsed.message());
            if (batch.size() >= limits.batchSize()) {
                flush();
            }
        }
    }

    private void flush() {
        List<LaneMessage> written = batch;
        long r = batchReceived;
        long i = batchInvalid;
        batch = new ArrayList<>(limits.batchSize());
        batchReceived = 0;
        batchInvalid = 0;
        inFlight++;
        if (inFlight >= limits.maxInFlight() && !paused && !ended) {
            paused = true;
            limits.pauses().increment();
            request.pause();
        }
        CompletionStage<Optional<CampaignState>> counted = store.reserve(campaign.id(), r, i, written.size());
        CompletionStage<Void> stored = counted.thenCompose(state -> {
            CampaignState s = state.orElse(CampaignState.CANCELLED);
            if (!s.isOpen()) {
                throw CampaignProblems.closed(s);
            }
            if (written.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return lanes.enqueueCampaign(campaign.id(), written).exceptionallyCompose(e ->
                    store.count(campaign.id(), "queued", -written.size()).handle((v, ignored) -> {
                        throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
                    }));
        });
        Future.fromCompletionStage(stored, context).onComplete(result -> {
            inFlight--;
            if (result.succeeded()) {
                received += r;
                invalid += i;
                queued += written.size();
            } else {
                fail(result.cause());
            }
            if (paused && inFlight < limits.maxInFlight() && failure == null) {
                paused = false;
                request.resume();
            }
            finishIfDone();
        });
    }

    /**
     * Stops the upload: the answer will be {@code cause} as the failure handler maps it (a store failure is 503
     * {@code store.unavailable} with Retry-After, logged once per outage), with the counts of what was stored so far.
     */
    private void fail(Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        // Drain the rest of the body without parsing it, so the client reads the answer instead of a reset.
        request.handler(chunk -> { });
        if (paused) {
            paused = false;
            request.resume();
        }
        finishIfDone();
    }

    private void finishIfDone() {
        if (answered || inFlight > 0 || (!ended && failure == null)) {
            return;
        }
        answered = true;
        // A cancel that raced with this upload may have dropped the lane before our last batches reached it.
        // (Not after a store failure: the sweep would fail the same way, and the outage is logged already.)
        boolean storeFailed = failure != null && !(failure instanceof ProblemException || failure instanceof NoticeException);
        CompletionStage<Long> swept = storeFailed ? CompletableFuture.completedFuture(0L)
                : store.state(campaign.id()).thenCompose(s -> s.orElse(null) == CampaignState.CANCELLED
                        ? CampaignActionHandler.dropAndCount(lanes, store, campaign.id())
                        : CompletableFuture.completedFuture(0L));
        Future.fromCompletionStage(swept, context).onComplete(v -> {
            if (v.failed()) {
                log.warn("campaign {}: sweeping the lane after a cancel failed: {}", campaign.id(), v.cause().toString());
            }
            if (failure != null) {
                ctx.put(Problems.MEMBERS, new JsonObject().put("received", received).put("queued", queued)
                        .put("invalid", invalid));
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ctx.fail(failure);
                return;
            }
            log.atInfo().setMessage("campaign recipients uploaded").addKeyValue("event", "campaign.upload")
                    .addKeyValue("requestId", requestId).addKeyValue("campaignId", campaign.id())
                    .addKeyValue("received", received).addKeyValue("queued", queued)
                    .addKeyValue("invalid", invalid).log();
            JsonAnswer.of(200, new JsonObject().put("received", received).put("queued", queued)
                    .put("invalid", invalid).put("errors", errors)
                    .put("errorsTruncated", invalid > errors.size())).write(ctx);
        });
    }

    /** The line without a trailing CR and surrounding spaces. */
    private static Buffer trimmed(Buffer raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isSpace(raw.getByte(start))) {
            start++;
        }
        while (end > start && isSpace(raw.getByte(end - 1))) {
            end--;
        }
        return start == 0 && end == raw.length() ? raw : raw.slice(start, end);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
