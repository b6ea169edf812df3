package vn.vneid.gateway.api.messages;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.Idempotency;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.LaneFullException;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.MessageStatus;
import vn.vneid.gateway.notices.MessageStatusStore;
import vn.vneid.gateway.notices.TemplateRenderer;
import vn.vneid.gateway.notices.lanes.RedisNoticeLanes;
import vn.vneid.gateway.notices.status.MessageIds;
import vn.vneid.gateway.notices.templates.TextRules;
import vn.vneid.smpp.Msisdn;

/**
 * {@code POST /v1/messages}: one notice, {@code {to, template + vars | text, category, locale?, unaccent?,
 * scheduleAt?, validUntil?, callbackUrl?}} → 202 {@code {messageId, status:"queued"}} once it is in its durable
 * lane (or, with {@code scheduleAt}, waiting for its time). 503 with Retry-After when its lane is at its cap. Honours {@code Idempotency-Key}.
 */
public final class SendMessageHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(SendMessageHandler.class);
    static final int MAX_TEXT = 1600;
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(48);
    static final Duration MAX_VALIDITY = Duration.ofDays(7);
    /** How far in the past {@code scheduleAt} may be (a client's clock or a late retry); such a notice goes now. */
    static final Duration MAX_SCHEDULE_PAST = Duration.ofDays(1);
    private final RedisNoticeLanes lanes;
    private final MessageStatusStore statuses;
    private final TemplateRenderer templates;
    private final Idempotency idempotency;
    private final Clock clock;

    public SendMessageHandler(RedisNoticeLanes lanes, MessageStatusStore statuses, TemplateRenderer templates,
                              Idempotency idempotency, Clock clock) {
        this.lanes = lanes;
        this.statuses = statuses;
        this.templates = templates;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonRequest body = JsonRequest.of(ctx);
        Instant now = clock.instant();
        String client = AuthHandler.client(ctx).name();
        String requestId = RequestIds.of(ctx);
        Msisdn to = phone(body);
        Category category = category(body);
        String text = text(body);
        boolean unaccent = Boolean.TRUE.equals(bool(body, "unaccent"));
        Instant validUntil = instant(body, "validUntil").orElse(now.plus(DEFAULT_VALIDITY));
        if (!validUntil.isAfter(now) || validUntil.isAfter(now.plus(MAX_VALIDITY))) {
            throw ProblemException.invalidField("validUntil", "must be in the future and at most 7 days ahead");
        }
        Optional<Instant> scheduleAt = instant(body, "scheduleAt");
        if (scheduleAt.isPresent() && !scheduleAt.get().isBefore(validUntil)) {
            throw ProblemException.invalidField("scheduleAt", "must be before validUntil");
        }
        if (scheduleAt.isPresent() && scheduleAt.get().isBefore(now.minus(MAX_SCHEDULE_PAST))) {
            throw ProblemException.invalidField("scheduleAt", "must be at most 24 hours in the past");
        }
        Optional<String> callbackUrl = Optional.ofNullable(body.optionalString("callbackUrl")).map(SendMessageHandler::url);
        String messageId = MessageIds.next();
        LaneMessage message = new LaneMessage(messageId, client, to, text, unaccent, category, validUntil,
                Optional.empty(), callbackUrl, requestId, 0);
        // The whole request, not a hash of the text: the store keeps only a SHA-256 of this anyway.
        String fingerprint = to.international() + "|" + category + "|" + validUntil + "|" + scheduleAt + "|"
                + callbackUrl.orElse("") + "|" + text;
        CompletionStage<JsonAnswer> answer = idempotency.run(client, Idempotency.key(ctx), fingerprint,
                () -> accept(message, scheduleAt.filter(at -> at.isAfter(now)), now));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext()).onSuccess(a -> a.write(ctx)).onFailure(ctx::fail);
    }

    /**
     * Records the notice as queued and puts it in its lane in one round trip: both commands are sent at once (their
     * keys have different hash tags, so they cannot be one script). The status command is sent first on its own
     * connection, so it is recorded before anything the dispatcher writes about the message. The lane decides the
     * answer: refused (full), the notice is recorded failed and the client told 503; taken, it will be sent, so the
     * answer is 202 even if its status could not be written (a retry by the client would send it twice).
     */
    private CompletionStage<JsonAnswer> accept(LaneMessage message, Optional<Instant> scheduleAt, Instant now) {
        CompletionStage<Boolean> recorded = statuses.queued(message, now);
        CompletionStage<Void> queued = scheduleAt.map(at -> lanes.enqueueAt(message, at))
                .orElseGet(() -> lanes.enqueue(message));
        return queued.handle((v, e) -> {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof LaneFullException full) {
                recorded.thenRun(() -> statuses.settle(message, MessageStatus.FAILED, "refused: lane full", clock.instant()));
                throw ProblemException.of(503, "messages.lane_full", full.getMessage()).retryAfter(full.retryAfter());
            }
            if (cause != null) {
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            return recorded.handle((changed, failure) -> {
                if (failure != null) {
                    log.warn("notice {} queued but its status not recorded ({}); it is sent all the same",
                            message.messageId(), failure.toString());
                }
                return JsonAnswer.of(202, new JsonObject().put("messageId", message.messageId()).put("status", "queued"));
            });
        }).thenCompose(answer -> answer);
    }

    private static Msisdn phone(JsonRequest body) {
        try {
            return Msisdn.parse(body.string("to"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("to", e.getMessage());
        }
    }

    private static Category category(JsonRequest body) {
        String raw = body.string("category");
        try {
            return Category.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("category", "must be TRANSACTIONAL or BULK");
        }
    }

    private String text(JsonRequest body) {
        String template = body.optionalString("template");
        String text = body.optionalString("text");
        if ((template == null) == (text == null)) {
            throw ProblemException.invalidField(template == null ? "text" : "template",
                    "give either template (with vars) or text, not both");
        }
        if (text != null) {
            if (text.isBlank() || text.length() > MAX_TEXT) {
                throw ProblemException.invalidField("text", "must be 1.." + MAX_TEXT + " characters");
            }
            TextRules.violation(text, TextRules.Breaks.LINE_FEED).ifPresent(rule -> {
                throw ProblemException.invalidField("text", rule);
            });
            return text;
        }
        Object vars = body.json().getValue("vars");
        if (vars != null && !(vars instanceof JsonObject)) {
            throw ProblemException.invalidField("vars", "must be an object");
        }
        String locale = Optional.ofNullable(body.optionalString("locale")).orElse("vi");
        return templates.render(template, locale, vars == null ? new JsonObject() : (JsonObject) vars); // refusals: 400
    }

    private static Boolean bool(JsonRequest body, String field) {
        Object v = body.json().getValue(field);
        if (v != null && !(v instanceof Boolean)) {
            throw ProblemException.invalidField(field, "must be true or false");
        }
        return (Boolean) v;
    }

    private static Optional<Instant> instant(JsonRequest body, String field) {
        String raw = body.optionalString(field);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 instant such as 2027-03-15T08:00:00Z");
        }
    }

    private static String url(String raw) {
        try {
            URI uri = URI.create(raw);
            if ((!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) || uri.getHost() == null
                    || raw.length() > 2048) {
                throw new IllegalArgumentException();
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("callbackUrl", "must be an http(s) URL");
        }
    }
}
