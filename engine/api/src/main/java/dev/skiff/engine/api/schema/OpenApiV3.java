package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents Skiff serves: the discovery document at {@code /openapi/v3} and one document per
 * group version at {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/apps/v1}, ...
 *
 * <p>kubectl 1.32 needs them for {@code --validate=strict} (its default: without a {@code fieldValidation}
 * parameter on the PATCH operation of the kind it refuses to create anything) and for {@code kubectl explain}.
 * All documents are built once, when this is created, so serving them costs nothing.
 */
public final class OpenApiV3 {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, OpenApiDocument> byGroupVersion;
    private final ObjectNode root;

    private OpenApiV3(Map<String, OpenApiDocument> byGroupVersion, ObjectNode root) {
        this.byGroupVersion = byGroupVersion;
        this.root = root;
    }

    /**
     * Builds every document.
     *
     * @param serverVersion the {@code gitVersion} that {@code /version} reports, e.g. {@code v1.32.0}
     * @param resources     the resources of each group version ({@code v1}, {@code apps/v1}, ...), as discovery
     *                      lists them, subresources included
     */
    public static OpenApiV3 of(String serverVersion, Map<String, List<ApiResource>> resources) {
        return of(serverVersion, resources, Map.of());
    }

    /**
     * @param customSchemas the openAPIV3Schema of custom kinds (from their CRDs), by {@code group/version/kind}
     */
    public static OpenApiV3 of(String serverVersion, Map<String, List<ApiResource>> resources,
                               Map<String, JsonNode> customSchemas) {
        Map<String, OpenApiDocument> documents = new LinkedHashMap<>();
        Map<String, OpenApiDocument> byPath = new TreeMap<>(); // sorted, as Go encodes the discovery map
        resources.forEach((groupVersion, list) -> {
            OpenApiDocument document = serialize(groupVersion,
                    document(serverVersion, groupVersion, list, customSchemas));
            documents.put(groupVersion, document);
            byPath.put(document.path(), document);
        });
        ObjectNode paths = JSON.objectNode();
        byPath.forEach((path, document) ->
                paths.set(path, JSON.objectNode().put("serverRelativeURL", document.serverRelativeUrl())));
        ObjectNode root = JSON.objectNode();
        root.set("paths", paths);
        return new OpenApiV3(Map.copyOf(documents), root);
    }

    /**
     * The document of one group version: {@code openapi}, {@code info}, {@code paths} for each resource and
     * {@code components.schemas} with every definition they reach.
     *
     * @param groupVersion {@code v1} for the core group, else {@code group/version}
     */
    public static ObjectNode document(String serverVersion, String groupVersion, List<ApiResource> resources) {
        return document(serverVersion, groupVersion, resources, Map.of());
    }

    static ObjectNode document(String serverVersion, String groupVersion, List<ApiResource> resources,
                               Map<String, JsonNode> customSchemas) {
        int slash = groupVersion.indexOf('/');
        String group = slash < 0 ? "" : groupVersion.substring(0, slash);
        String version = groupVersion.substring(slash + 1);
        OpenApiSchemas schemas = new OpenApiSchemas(group, version, customSchemas);
        OpenApiPaths paths = new OpenApiPaths(group, version, schemas);
        resources.forEach(paths::add);

        ObjectNode document = JSON.objectNode();
        document.put("openapi", "3.0.0");
        document.set("info", JSON.objectNode().put("title", "Kubernetes").put("version", serverVersion));
        document.set("paths", paths.toJson());
        document.set("components", JSON.objectNode().set("schemas", schemas.toJson()));
        return document;
    }

    /** The discovery document: {@code {"paths":{"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=..."}}}}. */
    public ObjectNode root() {
        return root.deepCopy();
    }

    /** The document of a group version ({@code v1}, {@code apps/v1}), or empty if none is served. */
    public Optional<OpenApiDocument> document(String groupVersion) {
        return Optional.ofNullable(byGroupVersion.get(groupVersion));
    }

    /**
     * The document served at {@code /openapi/v3/<path>}, where path is a key of the discovery document
     * ({@code api/v1}, {@code apis/apps/v1}).
     */
    public Optional<OpenApiDocument> documentAt(String path) {
        return byGroupVersion.values().stream().filter(document -> document.path().equals(path)).findFirst();
    }

    private static OpenApiDocument serialize(String groupVersion, ObjectNode json) {
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(json);
            String hash = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
            String path = groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
            return new OpenApiDocument(path, json, bytes, hash);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot serialize the OpenAPI document of " + groupVersion, e);
        }
    }
}
