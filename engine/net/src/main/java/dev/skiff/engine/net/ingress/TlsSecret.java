package dev.skiff.engine.net.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the certificate and key out of a Secret of type {@code kubernetes.io/tls}. */
final class TlsSecret {
    static final String TYPE = "kubernetes.io/tls";
    static final String CERTIFICATE_KEY = "tls.crt";
    static final String PRIVATE_KEY_KEY = "tls.key";

    private TlsSecret() {
    }

    /**
     * @param ref "namespace/name" of the Secret
     * @throws IllegalArgumentException when the Secret holds no usable certificate and key
     */
    static TlsCertificate certificate(String ref, ObjectNode secret) {
        String certificate = decoded(ref, secret, CERTIFICATE_KEY);
        String key = decoded(ref, secret, PRIVATE_KEY_KEY);
        try {
            return TlsCertificate.fromPem(ref, certificate, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret " + ref + ": " + e.getMessage());
        }
    }

    private static String decoded(String ref, ObjectNode secret, String key) {
        JsonNode data = Json.at(secret, "data");
        JsonNode value = data == null ? null : data.get(key);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("secret " + ref + " has no " + key
                    + (TYPE.equals(Json.text(secret, "type")) ? "" : " (its type is not " + TYPE + ")"));
        }
        try {
            return new String(Base64.getMimeDecoder().decode(value.asText()), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret " + ref + ": data." + key + " is not base64");
        }
    }
}
