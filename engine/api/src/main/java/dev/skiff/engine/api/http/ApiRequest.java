package dev.skiff.engine.api.http;

import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.registry.Warnings;
import dev.skiff.engine.api.resource.ResourceType;
import io.vertx.core.MultiMap;

/**
 * One resource request after routing and authentication: what it addresses, its query and headers,
 * its body (empty when it has none), who sent it and where its warnings collect.
 */
record ApiRequest(String method, RequestInfo info, ResourceType type, MultiMap params, MultiMap headers,
                  byte[] body, RequestContext context, Warnings warnings) {

    String contentType() {
        String ct = headers.get("Content-Type");
        return ct == null ? "" : ct.split(";")[0].trim().toLowerCase();
    }

    String accept() {
        String accept = headers.get("Accept");
        return accept == null ? "" : accept;
    }

    boolean flag(String name) {
        String v = params.get(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }
}
