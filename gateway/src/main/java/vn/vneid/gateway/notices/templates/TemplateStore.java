package vn.vneid.gateway.notices.templates;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where admin-defined templates live, shared by every gateway instance. Each template is stored whole under its
 * name; {@link #put} replaces, {@link #delete} removes. Built-ins and configuration seeds are never stored here.
 * A store that cannot be reached fails the stage with {@link vn.vneid.redis.StoreUnavailableException}.
 */
public interface TemplateStore {

    /** Stores {@code template}; true when none was stored under its name before. */
    CompletionStage<Boolean> put(Template template);

    CompletionStage<Optional<Template>> get(String name);

    /** True when a template was stored under {@code name} (and is now gone). */
    CompletionStage<Boolean> delete(String name);

    /** Every stored template, in no particular order. */
    CompletionStage<List<Template>> all();
}
