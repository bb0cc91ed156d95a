package dev.skiff.engine.api.http;

import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.authz.UserInfo;
import dev.skiff.engine.api.security.AdminToken;
import dev.skiff.engine.api.security.ServiceAccountTokens;
import dev.skiff.engine.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Turns a request's bearer token into a user: the administrator's token is {@code system:masters}; a
 * service-account token is {@code system:serviceaccount:NS:NAME} while its account (with the same uid)
 * still exists. Anything else is not authenticated.
 */
final class Authenticator {
    static final UserInfo ADMIN = new UserInfo("skiff-admin",
            List.of(UserInfo.SYSTEM_MASTERS, UserInfo.ALL_AUTHENTICATED));

    private final AdminToken adminToken;
    private final ServiceAccountTokens serviceAccountTokens;
    private final Store store;
    private final Clock clock;

    Authenticator(AdminToken adminToken, ServiceAccountTokens serviceAccountTokens, Store store, Clock clock) {
        this.adminToken = adminToken;
        this.serviceAccountTokens = serviceAccountTokens;
        this.store = store;
        this.clock = clock;
    }

    /** The user of an {@code Authorization} header value, or empty when it proves nobody. */
    Optional<UserInfo> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        if (adminToken.matches(token)) {
            return Optional.of(ADMIN);
        }
        return serviceAccountTokens.verify(token, clock.instant())
                .filter(claims -> store.get("/core/serviceaccounts/" + claims.namespace() + "/" + claims.name())
                        .map(sa -> claims.uid().equals(Json.text(Json.parseStored(sa.value()), "metadata.uid")))
                        .orElse(false))
                .map(claims -> UserInfo.serviceAccount(claims.namespace(), claims.name()));
    }
}
