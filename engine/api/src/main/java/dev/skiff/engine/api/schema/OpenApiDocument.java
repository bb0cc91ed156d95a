package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One served OpenAPI v3 document: its JSON tree, the exact bytes to send, and the content hash that its
 * {@code ?hash=} URL and {@code ETag} carry.
 *
 * <p>kube-apiserver serves {@code /openapi/v3/<path>?hash=H} with {@code Content-Type: application/json},
 * {@code ETag: "H"}, and, only when a hash is given and matches, {@code Cache-Control: public, immutable} plus an
 * {@code Expires} one year ahead; a stale hash gets a 301 redirect to the current URL.
 *
 * @param path  the key in the discovery document, e.g. {@code apis/apps/v1} or {@code api/v1}
 * @param json  the document
 * @param bytes the document serialized; the hash is computed over exactly these bytes
 * @param hash  SHA-512 of {@code bytes}, upper-case hex, as kube-apiserver computes it
 */
public record OpenApiDocument(String path, ObjectNode json, byte[] bytes, String hash) {

    /** The URL the discovery document points at: {@code /openapi/v3/apis/apps/v1?hash=...}. */
    public String serverRelativeUrl() {
        return "/openapi/v3/" + path + "?hash=" + hash;
    }
}
