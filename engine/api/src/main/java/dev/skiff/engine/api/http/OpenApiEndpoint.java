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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code /openapi/v3} and its per-group-version documents. kubectl reads them before every apply and
 * create to learn that the server validates fields itself ({@code fieldValidation}). The documents take
 * a moment to build, so that happens in the background from startup rather than on the ready path.
 */
final class OpenApiEndpoint {
    private final CompletableFuture<OpenApiV3> documents;

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
        documents = CompletableFuture.supplyAsync(() -> OpenApiV3.of(VersionInfo.GIT_VERSION, byGroupVersion),
                r -> Thread.ofVirtual().name("openapi-build").start(r));
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

    private OpenApiV3 documents() {
        try {
            return documents.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        } catch (ExecutionException e) {
            throw Errors.internal("cannot build the OpenAPI documents: " + e.getCause());
        }
    }

}
