package dev.skiff.engine.node.volumes;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issues the token of a projected volume's {@code serviceAccountToken} source (what the kubelet gets from the
 * TokenRequest API) for the pod's service account.
 */
@FunctionalInterface
public interface ServiceAccountTokenSource {

    /**
     * A token for {@code pod}'s service account.
     *
     * @param audience          the intended audience; empty means the API server's
     * @param expirationSeconds the requested lifetime
     */
    String token(ObjectNode pod, String audience, long expirationSeconds);
}
