package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.schema.ApiResource;
import dev.skiff.engine.api.schema.OpenApiDocument;
import dev.skiff.engine.api.schema.OpenApiV3;
import dev.skiff.engine.api.status.Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /openapi/v3} and its per-group-version documents. kubectl reads them before every apply and
 * create to learn that the server validates fields itself ({@code fieldValidation}). The documents take
 * a moment and some memory to build, so they are built on the first request, not at startup.
 */
final class OpenApiEndpoint {
    private final ResourceRegistry resources;
    private final Function<ResourceType, Optional<JsonNode>> customSchemas;
    private OpenApiV3 documents;
    private long builtAt = -1;

    /**
     * @param customSchemas the openAPIV3Schema a custom kind is served with (from its CRD), empty otherwise
     */
    OpenApiEndpoint(ResourceRegistry resources, Function<ResourceType, Optional<JsonNode>> customSchemas) {
        this.resources = resources;
        this.customSchemas = customSchemas;
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

    /**
     * Built on first use (only clients that validate pay for it) and again after a CRD adds or removes a kind.
     */
    private synchronized OpenApiV3 documents() {
        long now = resources.changes();
        if (documents == null || builtAt != now) {
            Map<String, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
            Map<String, JsonNode> schemas = new HashMap<>();
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
                    customSchemas.apply(t).ifPresent(schema ->
                            schemas.put(t.group() + "/" + t.version() + "/" + t.kind(), schema));
                }
                byGroupVersion.put(gv.apiVersion(), list);
            }
            documents = OpenApiV3.of(VersionInfo.GIT_VERSION, byGroupVersion, schemas);
            builtAt = now;
        }
        return documents;
    }

}
