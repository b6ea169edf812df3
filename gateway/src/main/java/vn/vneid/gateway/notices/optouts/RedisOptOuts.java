package vn.vneid.gateway.notices.optouts;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import vn.vneid.gateway.notices.Category;
import vn.vneid.gateway.notices.OptOuts;
import vn.vneid.redis.RedisFailures;
import vn.vneid.smpp.Msisdn;

/**
 * Opt-outs in Redis: per number, the set {@code optout:{84912345678}} of the category names the citizen asked not
 * to receive. Kept until the citizen opts back in (no TTL). A category name the gateway no longer knows is
 * ignored when read. Redis failures surface as {@link StoreUnavailableException} (answered 503).
 */
public final class RedisOptOuts implements OptOuts {
    private final RedisAsyncCommands<String, String> redis;

    public RedisOptOuts(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    static String key(Msisdn phone) {
        return "optout:{" + phone.international() + "}";
    }

    @Override
    public CompletionStage<Boolean> isOptedOut(Msisdn phone, Category category) {
        return RedisFailures.guarded("read opt-out", () -> redis.sismember(key(phone), category.name()));
    }

    /** Adds {@code categories} to what {@code phone} opted out of; completes with all its opt-outs after. */
    public CompletionStage<Set<Category>> optOut(Msisdn phone, Set<Category> categories) {
        if (categories.isEmpty()) {
            return categories(phone);
        }
        return RedisFailures.guarded("store opt-out", () -> redis.sadd(key(phone), names(categories)))
                .thenCompose(added -> categories(phone));
    }

    /** Removes {@code categories} from what {@code phone} opted out of; completes with what remains. */
    public CompletionStage<Set<Category>> optIn(Msisdn phone, Set<Category> categories) {
        if (categories.isEmpty()) {
            return categories(phone);
        }
        return RedisFailures.guarded("remove opt-out", () -> redis.srem(key(phone), names(categories)))
                .thenCompose(removed -> categories(phone));
    }

    /** The categories {@code phone} opted out of (empty when none). */
    public CompletionStage<Set<Category>> categories(Msisdn phone) {
        return RedisFailures.guarded("read opt-outs", () -> redis.smembers(key(phone)).thenApply(names -> {
            Set<Category> categories = EnumSet.noneOf(Category.class);
            for (Category category : Category.values()) {
                if (names.contains(category.name())) {
                    categories.add(category);
                }
            }
            return categories;
        }));
    }

    private static String[] names(Set<Category> categories) {
        return categories.stream().map(Category::name).toArray(String[]::new);
    }

}
