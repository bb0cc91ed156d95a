package dev.skiff.engine.api.http;

import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.schema.ApiResource;
import dev.skiff.engine.api.schema.OpenApiDocument;
import dev.skiff.engine.api.schema.OpenApiV3;
import dev.skiff.engine.api.status.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /openapi/v3} and its per-group-version documents. kubectl reads them before every apply and
 * create to learn that the server validates fields itself ({@code fieldValidation}). The documents take
 * a moment and some memory to build, so they are built on the first request, not at startup.
 */
final class OpenApiEndpoint {
    private final Map<String, List<ApiResource>> byGroupVersion;
    private volatile OpenApiV3 documents;

    OpenApiEndpoint(ResourceRegistry resources) {
        Map<String, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
        for (ResourceRegistry.GroupVersion gv : resources.groupVersions()) {
            List<ApiResource> list = new ArrayList<>();
            for (ResourceType t : gv.resources()) {
                list.add(ApiResource.of(t.plural(), t.namespaced(), t.kind(), ResourceType.VERBS));
                if (t.hasStatus()) {
                    list.add(ApiResource.of(t.plural() + "/status", t.namespaced(), t.kind(),
                            List.of("get", "patch", "update")));
                }
                if (t.hasScale()) {
                    list.add(new ApiResource(t.plural() + "/scale", t.namespaced(), "autoscaling", "v1", "Scale",
                            List.of("get", "patch", "update")));
                }
            }
            byGroupVersion.put(gv.apiVersion(), list);
        }
        this.byGroupVersion = byGroupVersion;
    }

    void handle(String path, Reply reply) {
        OpenApiV3 openApi = documents();
        if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
            reply.json(200, openApi.root());
            return;
        }
        if (!path.startsWith("/openapi/v3/")) {
            throw Errors.pathNotFound();
        }
        OpenApiDocument doc = openApi.documentAt(path.substring("/openapi/v3/".length()))
                .orElseThrow(Errors::pathNotFound);
        reply.context().runOnContext(v -> reply.response()
                .putHeader("ETag", "\"" + doc.hash() + "\"")
                .putHeader("Vary", "Accept"));
        reply.json(200, doc.bytes(), Reply.JSON);
    }

    /** Built on first use: only clients that validate (kubectl apply, create, explain) pay for it. */
    private OpenApiV3 documents() {
        OpenApiV3 built = documents;
        if (built == null) {
            synchronized (this) {
                built = documents;
                if (built == null) {
                    built = OpenApiV3.of(VersionInfo.GIT_VERSION, byGroupVersion);
                    documents = built;
                }
            }
        }
        return built;
    }

}
