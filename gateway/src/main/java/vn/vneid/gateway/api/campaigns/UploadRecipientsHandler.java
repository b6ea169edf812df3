package vn.vneid.gateway.api.campaigns;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Locale;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.http.RequestIds;
import vn.vneid.gateway.notices.NoticeLanes;
import vn.vneid.gateway.notices.TemplateRenderer;
import vn.vneid.gateway.notices.campaigns.CampaignProblems;
import vn.vneid.gateway.notices.campaigns.RedisCampaignStore;

/**
 * {@code POST /v1/campaigns/{id}/recipients} with {@code Content-Type: application/x-ndjson}: adds recipients
 * to a DRAFT, RUNNING or PAUSED campaign (409 {@code campaign.closed} otherwise), one
 * {@code {"to":"0912345678","vars":{...}}} per line. The body is streamed, never held whole: this route must not
 * pass through a {@code BodyHandler}, and nothing asynchronous may run before this handler (the request is not
 * paused until it runs). Refused lines do not stop the upload; the answer is 200
 * {@code {received, queued, invalid, errors:[{line, field?, reason}], errorsTruncated}} (the first 1,000
 * refusals), once every valid line is written to the campaign's lane. See {@link RecipientUpload}.
 */
public final class UploadRecipientsHandler implements Handler<RoutingContext> {
    public static final String MEDIA_TYPE = "application/x-ndjson";
    private final RedisCampaignStore store;
    private final NoticeLanes lanes;
    private final TemplateRenderer templates;
    private final Clock clock;
    private final UploadLimits limits;

    public UploadRecipientsHandler(RedisCampaignStore store, NoticeLanes lanes, TemplateRenderer templates, Clock clock) {
        this(store, lanes, templates, clock, UploadLimits.defaults());
    }

    UploadRecipientsHandler(RedisCampaignStore store, NoticeLanes lanes, TemplateRenderer templates, Clock clock,
                            UploadLimits limits) {
        this.store = store;
        this.lanes = lanes;
        this.templates = templates;
        this.clock = clock;
        this.limits = limits;
    }

    /** How many times uploads were paused because their lane writes fell behind. */
    public long backpressurePauses() {
        return limits.pauses().sum();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(MEDIA_TYPE)) {
            refuse(ctx, ProblemException.of(415, "request.unsupported_media_type",
                    "send Content-Type: " + MEDIA_TYPE + ", one JSON object per line"));
            return;
        }
        String client = AuthHandler.client(ctx).name();
        String given = ctx.response().headers().get(RequestIds.HEADER);
        String requestId = given != null ? given : RequestIds.of(ctx);
        Future.fromCompletionStage(CampaignProblems.owned(store, ctx.pathParam("id"), client), ctx.vertx().getOrCreateContext())
                .onSuccess(campaign -> {
                    if (!campaign.state().isOpen()) {
                        refuse(ctx, CampaignProblems.closed(campaign.state()));
                        return;
                    }
                    new RecipientUpload(ctx, campaign, store, lanes, templates, clock, limits, requestId).start();
                })
                .onFailure(e -> refuse(ctx, e));
    }

    /** Answers without reading the body: the rest is drained unread and the connection closed after the answer. */
    private static void refuse(RoutingContext ctx, Throwable problem) {
        HttpServerRequest request = ctx.request();
        request.handler(chunk -> { });
        request.resume();
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.fail(problem);
    }
}
