package vn.vneid.gateway.notices.lanes;

import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.LaneMessage;
import vn.vneid.gateway.notices.NoticeLanes;

/**
 * Redis keys of the lanes. A lane's stream and its waiting set share a hash tag, so one script may move between
 * them on Redis Cluster: {@code lane:{tx}}, {@code lane:{tx}:wait}; {@code lane:{bulk:<campaign>}},
 * {@code lane:{bulk:<campaign>}:wait}. Dead letters go to {@code lane:{dead}}.
 */
public final class LaneKeys {
    public static final String TRANSACTIONAL = "tx";
    public static final String DEAD = "lane:{dead}";
    public static final String GROUP = "dispatch";

    private LaneKeys() {
    }

    /**
     * The lane of a message: one-off transactional notices go to {@code tx}, one-off bulk ones to
     * {@code bulk:adhoc}, a campaign's recipients to {@code bulk:<campaign>} whatever their category.
     */
    public static String lane(LaneMessage m) {
        return m.campaignId().map(LaneKeys::campaign)
                .orElse(m.category() == Category.TRANSACTIONAL ? TRANSACTIONAL : campaign(NoticeLanes.ADHOC));
    }

    public static String campaign(String campaignId) {
        return "bulk:" + campaignId;
    }

    public static String stream(String lane) {
        return "lane:{" + lane + "}";
    }

    public static String waiting(String lane) {
        return stream(lane) + ":wait";
    }
}
