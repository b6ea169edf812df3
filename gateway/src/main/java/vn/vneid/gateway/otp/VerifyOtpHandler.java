package vn.vneid.gateway.otp;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.metrics.GatewayMetrics;
import vn.vneid.gateway.pumping.PumpingGuard;
import vn.vneid.otp.OtpService;
import vn.vneid.otp.VerifyOutcome;
import vn.vneid.otp.VerifyRequest;

/**
 * {@code POST /v1/otp/verify}: 200 {@code {"result":"APPROVED"}} when the code matches (it is consumed);
 * 422 {@code otp.wrong_code} with {@code attemptsLeft}; 410 {@code otp.expired} when there is no live code
 * (expired, used, replaced or never issued); 410 {@code otp.attempts_exhausted} after the last allowed miss.
 * Approvals are counted per number prefix for the SMS-pumping guard.
 */
public final class VerifyOtpHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(VerifyOtpHandler.class);
    private final OtpService otp;
    private final GatewayMetrics metrics;
    private final PumpingGuard pumping;

    public VerifyOtpHandler(OtpService otp, GatewayMetrics metrics, PumpingGuard pumping) {
        this.otp = otp;
        this.metrics = metrics;
        this.pumping = pumping;
    }

    @Override
    public void handle(RoutingContext ctx) {
        OtpInput.Verify in = OtpInput.verify(JsonRequest.of(ctx));
        String requestId = RequestIds.of(ctx);
        String client = AuthHandler.client(ctx).name();
        var answer = otp.verify(new VerifyRequest(in.purpose(), in.citizenId(), in.code())).thenApply(outcome -> {
            metrics.verified(in.purpose(), outcome.result());
            pumping.verified(outcome);
            log.atInfo().setMessage("otp verified").addKeyValue("event", "otp.verified")
                    .addKeyValue("requestId", requestId).addKeyValue("client", client)
                    .addKeyValue("purpose", in.purpose()).addKeyValue("result", outcome.result())
                    .addKeyValue("citizenId", OtpInput.maskCitizenId(in.citizenId())).log();
            return answer(outcome);
        });
        Future.fromCompletionStage(answer, ctx.vertx().getOrCreateContext())
                .onSuccess(a -> a.write(ctx))
                .onFailure(ctx::fail);
    }

    private static JsonAnswer answer(VerifyOutcome outcome) {
        return switch (outcome.result()) {
            case APPROVED -> JsonAnswer.of(200, new JsonObject().put("result", "APPROVED"));
            case WRONG_CODE -> throw ProblemException.of(422, "otp.wrong_code", "the code does not match")
                    .with("attemptsLeft", outcome.attemptsLeft()).withField("code");
            case EXPIRED, NOT_FOUND -> throw ProblemException.of(410, "otp.expired",
                    "no live code: it expired, was already used or replaced, or was never issued; request a new one");
            case ATTEMPTS_EXHAUSTED -> throw ProblemException.of(410, "otp.attempts_exhausted",
                    "too many wrong codes; this code is dead, request a new one").with("attemptsLeft", 0);
        };
    }
}
