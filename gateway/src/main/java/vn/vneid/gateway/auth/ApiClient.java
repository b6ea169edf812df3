package vn.vneid.gateway.auth;

import java.util.Set;

/** A backend service allowed to call the gateway, known by name (never by its key). */
public record ApiClient(String name, Set<Scope> scopes) {
    public ApiClient {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
