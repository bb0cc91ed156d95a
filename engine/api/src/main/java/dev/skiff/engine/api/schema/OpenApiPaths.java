package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code paths} of one group version's OpenAPI v3 document: for every resource its collection path,
 * item path, all-namespaces list path and subresource paths, with one operation per served verb.
 *
 * <p>Every operation names its kind in {@code x-kubernetes-group-version-kind} and its verb in
 * {@code x-kubernetes-action}; post, put and patch declare the {@code fieldValidation} query parameter, which
 * is what makes kubectl leave validation to the server ({@code --validate=strict} by default). kubectl explain
 * finds a resource's kind through the GVK of the operations on its collection or item path.
 */
final class OpenApiPaths {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> CONNECT_SUBRESOURCES = Set.of("attach", "exec", "portforward", "proxy");
    private static final Set<String> TEXT_SUBRESOURCES = Set.of("log", "attach", "exec", "portforward", "proxy");

    private final String group;
    private final String version;
    private final String prefix;
    private final String operationScope;
    private final String tag;
    private final OpenApiSchemas schemas;
    private final Map<String, ObjectNode> paths = new TreeMap<>();

    OpenApiPaths(String group, String version, OpenApiSchemas schemas) {
        this.group = group;
        this.version = version;
        this.prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        String groupWords = groupWords(group);
        this.operationScope = groupWords + capitalize(version);
        this.tag = Character.toLowerCase(groupWords.charAt(0)) + groupWords.substring(1) + "_" + version;
        this.schemas = schemas;
    }

    void add(ApiResource resource) {
        String kindGroup = resource.version().isEmpty() ? group : resource.group();
        String kindVersion = resource.version().isEmpty() ? version : resource.version();
        ObjectNode gvk = OpenApiSchemas.gvk(kindGroup, kindVersion, resource.kind());
        String scope = resource.namespaced() ? "/namespaces/{namespace}/" : "/";
        String collection = prefix + scope + resource.plural();
        String subject = (resource.namespaced() ? "Namespaced" : "") + resource.kind();
        if (!resource.subresource().isEmpty()) {
            addSubresource(resource, collection + "/{name}/" + resource.subresource(), gvk, subject, kindGroup,
                    kindVersion);
            return;
        }
        String kindSchema = schemas.addKind(kindGroup, kindVersion, resource.kind());
        String kind = resource.kind();

        ObjectNode collectionItem = JSON.objectNode();
        if (resource.supports("list")) {
            String list = schemas.addList(kindGroup, kindVersion, kind, kindSchema);
            collectionItem.set("get", operation("list or watch objects of kind " + kind, "list" + operationScope + subject,
                    "list", gvk, listParameters(), null, responses(list, true, "200")));
            if (resource.namespaced()) {
                ObjectNode allNamespaces = JSON.objectNode();
                allNamespaces.set("get", operation("list or watch objects of kind " + kind,
                        "list" + operationScope + kind + "ForAllNamespaces", "list", gvk, listParameters(), null,
                        responses(list, true, "200")));
                allNamespaces.set("parameters", JSON.arrayNode().add(pretty()));
                paths.put(prefix + "/" + resource.plural(), allNamespaces);
            }
        }
        if (resource.supports("create")) {
            collectionItem.set("post", operation("create a " + kind, "create" + operationScope + subject, "post", gvk,
                    writeParameters(false), body("*/*", kindSchema), responses(kindSchema, false, "200", "201", "202")));
        }
        if (resource.supports("deletecollection")) {
            ArrayNode parameters = deleteParameters();
            parameters.addAll(listParameters());
            collectionItem.set("delete", operation("delete collection of " + kind,
                    "deleteCollection" + operationScope + subject, "deletecollection", gvk, parameters,
                    body("*/*", schemas.addDeleteOptions()), responses(schemas.addStatus(), false, "200")));
        }
        putPath(collection, collectionItem, resource.namespaced(), false, kind);

        ObjectNode item = JSON.objectNode();
        if (resource.supports("get")) {
            item.set("get", operation("read the specified " + kind, "read" + operationScope + subject, "get", gvk,
                    JSON.arrayNode(), null, responses(kindSchema, false, "200")));
        }
        addWrites(resource, item, kind, subject, gvk, kindSchema);
        if (resource.supports("delete")) {
            item.set("delete", operation("delete a " + kind, "delete" + operationScope + subject, "delete", gvk,
                    deleteParameters(), body("*/*", schemas.addDeleteOptions()),
                    responses(schemas.addStatus(), false, "200", "202")));
        }
        putPath(collection + "/{name}", item, resource.namespaced(), true, kind);
    }

    /** The paths, sorted as kube-apiserver serves them. */
    ObjectNode toJson() {
        ObjectNode out = JSON.objectNode();
        paths.forEach(out::set);
        return out;
    }

    private void addSubresource(ApiResource resource, String path, ObjectNode gvk, String subject, String kindGroup,
                                String kindVersion) {
        String sub = resource.subresource();
        String what = sub + " of the specified " + resource.plural();
        String suffix = capitalize(sub);
        ObjectNode item = JSON.objectNode();
        if (CONNECT_SUBRESOURCES.contains(sub)) {
            if (resource.supports("get")) {
                item.set("get", operation("connect GET requests to " + what, "connectGet" + operationScope + subject
                        + suffix, "connect", gvk, JSON.arrayNode(), null, textResponse()));
            }
            if (resource.supports("create")) {
                item.set("post", operation("connect POST requests to " + what, "connectPost" + operationScope + subject
                        + suffix, "connect", gvk, JSON.arrayNode(), null, textResponse()));
            }
        } else {
            String kindSchema = TEXT_SUBRESOURCES.contains(sub) ? null
                    : schemas.addKind(kindGroup, kindVersion, resource.kind());
            if (resource.supports("get")) {
                item.set("get", operation("read " + what, "read" + operationScope + subject + suffix, "get", gvk,
                        JSON.arrayNode(), null, kindSchema == null ? textResponse() : responses(kindSchema, false, "200")));
            }
            if (kindSchema != null) {
                if (resource.supports("create")) {
                    item.set("post", operation("create " + what, "create" + operationScope + subject + suffix, "post",
                            gvk, writeParameters(false), body("*/*", kindSchema),
                            responses(kindSchema, false, "200", "201", "202")));
                }
                addWrites(resource, item, resource.kind(), subject + suffix, gvk, kindSchema);
            }
        }
        putPath(path, item, resource.namespaced(), true, resource.kind());
    }

    private void addWrites(ApiResource resource, ObjectNode item, String kind, String subject, ObjectNode gvk,
                           String kindSchema) {
        if (resource.supports("update")) {
            item.set("put", operation("replace the specified " + kind, "replace" + operationScope + subject, "put", gvk,
                    writeParameters(false), body("*/*", kindSchema), responses(kindSchema, false, "200", "201")));
        }
        if (resource.supports("patch")) {
            ObjectNode content = JSON.objectNode();
            for (String mediaType : new String[]{"application/apply-patch+yaml", "application/json-patch+json",
                    "application/merge-patch+json", "application/strategic-merge-patch+json"}) {
                content.set(mediaType, JSON.objectNode().set("schema", OpenApiSchemas.ref(schemas.addPatch())));
            }
            ObjectNode patchBody = JSON.objectNode();
            patchBody.set("content", content);
            patchBody.put("required", true);
            item.set("patch", operation("partially update the specified " + kind, "patch" + operationScope + subject,
                    "patch", gvk, writeParameters(true), patchBody, responses(kindSchema, false, "200", "201")));
        }
    }

    private void putPath(String path, ObjectNode item, boolean namespaced, boolean named, String kind) {
        if (item.isEmpty()) {
            return;
        }
        ArrayNode parameters = JSON.arrayNode();
        if (named) {
            parameters.add(pathParameter("name", "name of the " + kind));
        }
        if (namespaced) {
            parameters.add(pathParameter("namespace", "namespace of the " + kind));
        }
        parameters.add(pretty());
        item.set("parameters", parameters);
        paths.put(path, item);
    }

    private ObjectNode operation(String description, String operationId, String action, ObjectNode gvk,
                                 ArrayNode parameters, ObjectNode requestBody, ObjectNode responses) {
        ObjectNode operation = JSON.objectNode();
        operation.put("description", description);
        operation.put("operationId", operationId);
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        if (requestBody != null) {
            operation.set("requestBody", requestBody);
        }
        operation.set("responses", responses);
        operation.set("tags", JSON.arrayNode().add(tag));
        operation.put("x-kubernetes-action", action);
        operation.set("x-kubernetes-group-version-kind", gvk.deepCopy());
        return operation;
    }

    private static ObjectNode body(String mediaType, String definition) {
        ObjectNode body = JSON.objectNode();
        body.set("content", JSON.objectNode().set(mediaType, JSON.objectNode().set("schema", OpenApiSchemas.ref(definition))));
        body.put("required", true);
        return body;
    }

    private static ObjectNode responses(String definition, boolean watchable, String... codes) {
        ObjectNode responses = JSON.objectNode();
        for (String code : codes) {
            ObjectNode content = JSON.objectNode();
            content.set("application/json", JSON.objectNode().set("schema", OpenApiSchemas.ref(definition)));
            if (watchable) {
                content.set("application/json;stream=watch", JSON.objectNode().set("schema", OpenApiSchemas.ref(definition)));
            }
            ObjectNode response = JSON.objectNode();
            response.set("content", content);
            response.put("description", switch (code) {
                case "201" -> "Created";
                case "202" -> "Accepted";
                default -> "OK";
            });
            responses.set(code, response);
        }
        return responses;
    }

    private static ObjectNode textResponse() {
        ObjectNode content = JSON.objectNode();
        content.set("text/plain", JSON.objectNode().set("schema", JSON.objectNode().put("type", "string")));
        ObjectNode ok = JSON.objectNode();
        ok.set("content", content);
        ok.put("description", "OK");
        return JSON.objectNode().set("200", ok);
    }

    private static ArrayNode listParameters() {
        return JSON.arrayNode()
                .add(query("allowWatchBookmarks", "boolean"))
                .add(query("continue", "string"))
                .add(query("fieldSelector", "string"))
                .add(query("labelSelector", "string"))
                .add(query("limit", "integer"))
                .add(query("resourceVersion", "string"))
                .add(query("resourceVersionMatch", "string"))
                .add(query("sendInitialEvents", "boolean"))
                .add(query("timeoutSeconds", "integer"))
                .add(query("watch", "boolean"));
    }

    private static ArrayNode writeParameters(boolean patch) {
        ArrayNode parameters = JSON.arrayNode()
                .add(query("dryRun", "string"))
                .add(query("fieldManager", "string"))
                .add(query("fieldValidation", "string").put("description",
                        "How the server treats unknown and duplicate fields in the body: Ignore drops them, Warn drops"
                                + " them with a warning for each, Strict fails the request."));
        if (patch) {
            parameters.add(query("force", "boolean"));
        }
        return parameters;
    }

    private static ArrayNode deleteParameters() {
        return JSON.arrayNode()
                .add(query("dryRun", "string"))
                .add(query("gracePeriodSeconds", "integer"))
                .add(query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean"))
                .add(query("orphanDependents", "boolean"))
                .add(query("propagationPolicy", "string"));
    }

    private static ObjectNode pretty() {
        return query("pretty", "string");
    }

    private static ObjectNode query(String name, String type) {
        ObjectNode parameter = JSON.objectNode();
        parameter.put("in", "query");
        parameter.put("name", name);
        parameter.set("schema", JSON.objectNode().put("type", type).put("uniqueItems", true));
        return parameter;
    }

    private static ObjectNode pathParameter(String name, String description) {
        ObjectNode parameter = JSON.objectNode();
        parameter.put("description", description);
        parameter.put("in", "path");
        parameter.put("name", name);
        parameter.put("required", true);
        parameter.set("schema", JSON.objectNode().put("type", "string").put("uniqueItems", true));
        return parameter;
    }

    /** The group as operation ids spell it: {@code Core}, {@code Apps}, {@code Networking} for networking.k8s.io. */
    private static String groupWords(String group) {
        if (group.isEmpty()) {
            return "Core";
        }
        String trimmed = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
        StringBuilder words = new StringBuilder();
        for (String word : trimmed.split("[.-]")) {
            words.append(capitalize(word));
        }
        return words.toString();
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
