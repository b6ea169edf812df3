package vn.vneid.gateway.otp;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.Idempotency;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.notices.dispatch.Dispatcher;
import vn.vneid.gateway.notices.dispatch.OtpSms;
import vn.vneid.gateway.notices.status.MessageIds;
import vn.vneid.gateway.pumping.PumpingGuard;
import vn.vneid.otp.IssueOutcome;
import vn.vneid.otp.IssueRequest;
import vn.vneid.otp.OtpService;
import vn.vneid.redis.RedisFailures;

/**
 * {@code POST /v1/otp}: issue a code and send it by SMS. Answers 202 once the code is stored and its SMS is
 * durable ({@link Dispatcher#accept}: sent by another instance if this one dies) and queued as a priority message; 429 with Retry-After when a limit refuses; 503 when no carrier session is
 * bound (nothing is stored then, so the citizen is not left waiting for an SMS that cannot go) or the store
 * is down; 429 {@code otp.prefix_held} while the number's prefix is held as SMS pumping ({@link PumpingGuard}),
 * before anything is stored or counted.
 */
public final class IssueOtpHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(IssueOtpHandler.class);
    static final Duration SMSC_RETRY_AFTER = Duration.ofSeconds(5);
    private final OtpService otp;
    private final Dispatcher dispatcher;
    private final Idempotency idempotency;
    private final GatewayMetrics metrics;
    private final PumpingGuard pumping;

    public IssueOtpHandler(OtpService otp, Dispatcher dispatcher, Idempotency idempotency, GatewayMetrics metrics,
                           PumpingGuard pumping) {
        this.otp = otp;
        this.dispatcher = dispatcher;
        this.idempotency = idempotency;
        this.metrics = metrics;
        this.pumping = pumping;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long arrived = System.nanoTime();
        OtpInput.Issue in = OtpInput.issue(JsonRequest.of(ctx));
        String key = Idempotency.key(ctx);
        String client = AuthHandler.client(ctx).name();
        String requestId = RequestIds.of(ctx);
        CompletionStage<JsonAnswer> answer = idempotency.run(client, key, in.fingerprint(), () -> issue(in, client, requestId, arrived));
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }

    private CompletionStage<JsonAnswer> issue(OtpInput.Issue in, String client, String requestId, long arrived) {
        var held = pumping.refusal(in.phone());
        if (held.isPresent()) {
            return CompletableFuture.failedFuture(held.get());
        }
        if (!dispatcher.canSend(in.phone())) {
            return CompletableFuture.failedFuture(ProblemException.of(503, "sms.unavailable",
                    "no SMSC session is bound; nothing was issued, retry shortly").retryAfter(SMSC_RETRY_AFTER));
        }
        return otp.issue(new IssueRequest(in.purpose(), in.citizenId(), in.phone().international()))
                .thenCompose(outcome -> {
                    if (outcome instanceof IssueOutcome.RateLimited limited) {
                        metrics.rateLimited(in.purpose(), limited.limit());
                        log.atInfo().setMessage("otp rate limited").addKeyValue("event", "otp.rate_limited")
                                .addKeyValue("requestId", requestId).addKeyValue("client", client)
                                .addKeyValue("purpose", in.purpose()).addKeyValue("limit", limited.limit().label())
                                .addKeyValue("to", in.phone().masked())
                                .addKeyValue("citizenId", OtpInput.maskCitizenId(in.citizenId())).log();
                        throw ProblemException.of(429, "otp.rate_limited",
                                        "limit " + limited.limit().label() + " reached; retry later")
                                .with("limit", limited.limit().label())
                                .retryAfter(limited.retryAfter());
                    }
                    IssueOutcome.Issued issued = (IssueOutcome.Issued) outcome;
                    String text = OtpTexts.render(in.purpose(), in.locale(), issued.code(),
                            otp.policies().of(in.purpose()).ttl());
                    OtpSms sms = new OtpSms(MessageIds.next(), client, in.phone(), text, issued.expiresAt(), requestId,
                            "otp:" + in.purpose(), arrived);
                    // 202 only once the SMS is durable: from here on, a crash of this instance does not lose it.
                    return RedisFailures.guarded("accept the OTP's SMS", () -> dispatcher.accept(sms))
                            .thenApply(v -> {
                                dispatcher.send(sms);
                                metrics.issued(in.purpose(), in.phone());
                                pumping.issued(in.phone());
                                log.atInfo().setMessage("otp issued").addKeyValue("event", "otp.issued")
                                        .addKeyValue("requestId", requestId).addKeyValue("messageId", sms.messageId())
                                        .addKeyValue("otpId", issued.otpId()).addKeyValue("client", client)
                                        .addKeyValue("purpose", in.purpose()).addKeyValue("to", in.phone().masked())
                                        .addKeyValue("citizenId", OtpInput.maskCitizenId(in.citizenId())).log();
                                return JsonAnswer.of(202, new JsonObject()
                                        .put("otpId", issued.otpId())
                                        .put("messageId", sms.messageId())
                                        .put("expiresAt", issued.expiresAt().toString())
                                        .put("resendAfter", issued.resendAfter().toString()));
                            });
                });
    }
}
