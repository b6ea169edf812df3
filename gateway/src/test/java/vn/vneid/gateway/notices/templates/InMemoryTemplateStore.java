package vn.vneid.gateway.notices.templates;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A store for unit tests of the registry; the Redis one is tested against a real Redis. */
final class InMemoryTemplateStore implements TemplateStore {
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Boolean> put(Template template) {
        return CompletableFuture.completedFuture(templates.put(template.name(), template) == null);
    }

    @Override
    public CompletionStage<Optional<Template>> get(String name) {
        return CompletableFuture.completedFuture(Optional.ofNullable(templates.get(name)));
    }

    @Override
    public CompletionStage<Boolean> delete(String name) {
        return CompletableFuture.completedFuture(templates.remove(name) != null);
    }

    @Override
    public CompletionStage<List<Template>> all() {
        return CompletableFuture.completedFuture(List.copyOf(templates.values()));
    }
}
