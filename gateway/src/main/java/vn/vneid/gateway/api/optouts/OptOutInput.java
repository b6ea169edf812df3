package vn.vneid.gateway.api.optouts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import vn.vneid.gateway.auth.ApiClient;
import vn.vneid.gateway.auth.AuthHandler;
import vn.vneid.gateway.http.JsonAnswer;
import vn.vneid.gateway.http.JsonRequest;
import vn.vneid.gateway.http.ProblemException;
import vn.vneid.gateway.notices.Category;
import vn.vneid.smpp.Msisdn;

/** The edge rules of the opt-out API: a Vietnamese mobile in the path, known category names, masked answers. */
final class OptOutInput {
    private static final String CATEGORY_RULE = "must be a non-empty list of " + Arrays.toString(Category.values());

    private OptOutInput() {
    }

    static Msisdn phone(RoutingContext ctx) {
        try {
            return Msisdn.parse(ctx.pathParam("phone"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("phone", e.getMessage());
        }
    }

    /** {@code {categories: ["BULK"]}}: at least one, each a category name. */
    static Set<Category> categories(JsonRequest body) {
        for (String field : body.json().fieldNames()) {
            if (!field.equals("categories")) {
                throw ProblemException.invalidField(field, "is not an opt-out field (categories)");
            }
        }
        if (!(body.json().getValue("categories") instanceof JsonArray array) || array.isEmpty()) {
            throw ProblemException.invalidField("categories", CATEGORY_RULE);
        }
        return parse("categories", array.getList());
    }

    /** {@code ?category=BULK}, repeatable; absent means every category. */
    static Set<Category> categories(List<String> query) {
        return query.isEmpty() ? EnumSet.allOf(Category.class) : parse("category", query);
    }

    static JsonAnswer answer(Msisdn phone, Set<Category> categories) {
        return JsonAnswer.of(200, new JsonObject()
                .put("phone", phone.masked())
                .put("categories", new JsonArray(categories.stream().map(Category::name).toList())));
    }

    static void logChange(Logger log, RoutingContext ctx, String event, Msisdn phone, Set<Category> changed) {
        ApiClient client = AuthHandler.client(ctx);
        log.atInfo().setMessage("opt-outs changed").addKeyValue("event", event)
                .addKeyValue("to", phone.masked()).addKeyValue("categories", changed.toString())
                .addKeyValue("client", client == null ? null : client.name()).log();
    }

    private static Set<Category> parse(String field, List<?> names) {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (Object name : names) {
            Category category = Arrays.stream(Category.values()).filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> ProblemException.invalidField(field,
                            "names an unknown category; each must be one of " + Arrays.toString(Category.values())));
            categories.add(category);
        }
        return categories;
    }
}
