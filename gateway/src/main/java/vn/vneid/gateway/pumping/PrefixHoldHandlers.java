package vn.vneid.gateway.pumping;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The handlers of the admin prefix-hold routes, built once and shared by every verticle instance. */
public record PrefixHoldHandlers(Handler<RoutingContext> list, Handler<RoutingContext> put,
                                 Handler<RoutingContext> delete) {

    public static PrefixHoldHandlers of(PumpingGuard guard) {
        return new PrefixHoldHandlers(new ListPrefixHoldsHandler(guard), new PutPrefixHoldHandler(guard),
                new DeletePrefixHoldHandler(guard));
    }
}
