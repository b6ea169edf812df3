package vn.vneid.gateway.auth;

import java.util.Optional;
import java.util.Set;

/**
 * A backend service allowed to call the gateway, known by name (never by its key), with its scopes and, when
 * it has one, the {@link ClientRate} it may call at (shared by every gateway instance; without one it is not
 * rate limited per client).
 */
public record ApiClient(String name, Set<Scope> scopes, Optional<ClientRate> rate) {
    public ApiClient {
        scopes = Set.copyOf(scopes);
        rate = rate == null ? Optional.empty() : rate;
    }

    /** A client without a rate of its own. */
    public ApiClient(String name, Set<Scope> scopes) {
        this(name, scopes, Optional.empty());
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
