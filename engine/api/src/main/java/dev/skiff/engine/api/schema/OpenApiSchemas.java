package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.patch.PatchField;
import dev.skiff.engine.api.patch.PatchSchema;
import dev.skiff.engine.api.patch.PatchStrategies;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code components.schemas} of one OpenAPI v3 document, generated from {@link FieldSchema}s in the shape
 * kube-apiserver serves: named definitions, {@code $ref}s wrapped in {@code allOf} for properties, IntOrString
 * and Quantity as their own one-of definitions, {@code x-kubernetes-group-version-kind} on top-level kinds.
 * Only definitions reachable from the kinds added are included.
 */
final class OpenApiSchemas {

    static final String REF_PREFIX = "#/components/schemas/";
    private static final Map<String, PatchSchema> PATCH_TAGS = PatchStrategies.byTypeName();
    static final String PATCH = DefinitionNames.META_V1 + "Patch";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String documentGroup;
    private final String documentVersion;
    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    private final Map<String, JsonNode> customSchemas;

    /** For the document of {@code group}/{@code version}, which DeleteOptions is registered in. */
    OpenApiSchemas(String documentGroup, String documentVersion) {
        this(documentGroup, documentVersion, Map.of());
    }

    /**
     * @param customSchemas the openAPIV3Schema of custom kinds, by {@code group/version/kind}, from their CRDs
     */
    OpenApiSchemas(String documentGroup, String documentVersion, Map<String, JsonNode> customSchemas) {
        this.documentGroup = documentGroup;
        this.documentVersion = documentVersion;
        this.customSchemas = customSchemas;
    }

    /**
     * Adds the definition of a kind and everything it refers to; returns its definition name. A kind without a
     * built-in structure (a custom resource) gets an open object schema that still names its kind.
     */
    String addKind(String group, String version, String kind) {
        if (kind.equals(BuiltinKinds.DELETE_OPTIONS)) {
            return addDeleteOptions();
        }
        return ObjectSchema.forKind(group, version, kind)
                .map(schema -> define(schema.root()))
                .orElseGet(() -> addOpenKind(group, version, kind));
    }

    /** Adds {@code <Kind>List} for a kind added before; returns its definition name. */
    String addList(String group, String version, String kind, String itemDefinition) {
        String name = itemDefinition + "List";
        if (!definitions.containsKey(name)) {
            ObjectNode properties = JSON.objectNode();
            properties.set("apiVersion", type("string"));
            properties.set("items", type("array").set("items", ref(itemDefinition)));
            properties.set("kind", type("string"));
            properties.set("metadata", allOf(define(ModelIntrospector.of(ListMeta.class))));
            ObjectNode list = type("object");
            list.set("properties", properties);
            list.set("required", JSON.arrayNode().add("items"));
            list.set("x-kubernetes-group-version-kind", gvkList(group, version, kind + "List"));
            definitions.put(name, list);
        }
        return name;
    }

    /** Adds meta/v1 Status, the answer to deletes; returns its definition name. */
    String addStatus() {
        String name = define(ModelIntrospector.of(Status.class));
        definitions.get(name).set("x-kubernetes-group-version-kind", gvkList("", "v1", "Status"));
        return name;
    }

    /** Adds meta/v1 DeleteOptions, the body of deletes; returns its definition name. */
    String addDeleteOptions() {
        String name = define(ModelIntrospector.of(DeleteOptions.class));
        ArrayNode kinds = gvkList("", "v1", BuiltinKinds.DELETE_OPTIONS);
        if (!documentGroup.isEmpty()) {
            kinds.add(gvk(documentGroup, documentVersion, BuiltinKinds.DELETE_OPTIONS));
        }
        definitions.get(name).set("x-kubernetes-group-version-kind", kinds);
        return name;
    }

    /** Adds meta/v1 Patch, the opaque body of patches; returns its definition name. */
    String addPatch() {
        definitions.computeIfAbsent(PATCH, name -> type("object"));
        return PATCH;
    }

    /** All definitions added, sorted by name as kube-apiserver serves them. */
    ObjectNode toJson() {
        ObjectNode schemas = JSON.objectNode();
        definitions.forEach(schemas::set);
        return schemas;
    }

    static ObjectNode gvk(String group, String version, String kind) {
        ObjectNode gvk = JSON.objectNode();
        gvk.put("group", group);
        gvk.put("kind", kind);
        gvk.put("version", version);
        return gvk;
    }

    static ObjectNode ref(String definitionName) {
        return JSON.objectNode().put("$ref", REF_PREFIX + definitionName);
    }

    private static ArrayNode gvkList(String group, String version, String kind) {
        return JSON.arrayNode().add(gvk(group, version, kind));
    }

    private String addOpenKind(String group, String version, String kind) {
        String name = reverseDomain(group) + "." + version + "." + kind;
        JsonNode declared = customSchemas.get(group + "/" + version + "/" + kind);
        String objectMeta = declared == null ? null : define(ModelIntrospector.of(io.fabric8.kubernetes.api.model.ObjectMeta.class));
        definitions.computeIfAbsent(name, n -> {
            if (declared != null && declared.isObject()) {
                // the CRD's own schema, with the fields every object has, as kube-apiserver publishes it
                ObjectNode schema = (ObjectNode) declared.deepCopy();
                ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties")
                        : schema.putObject("properties");
                properties.putIfAbsent("apiVersion", type("string"));
                properties.putIfAbsent("kind", type("string"));
                properties.set("metadata", allOf(objectMeta));
                schema.set("x-kubernetes-group-version-kind", gvkList(group, version, kind));
                return schema;
            }
            ObjectNode open = type("object");
            open.put("x-kubernetes-preserve-unknown-fields", true);
            open.set("x-kubernetes-group-version-kind", gvkList(group, version, kind));
            return open;
        });
        return name;
    }

    /** Custom resources are named by their reversed group: {@code example.com} becomes {@code com.example}. */
    private static String reverseDomain(String group) {
        if (group.isEmpty()) {
            return "io.k8s.api.core";
        }
        String[] labels = group.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            out.append(labels[i]).append(i > 0 ? "." : "");
        }
        return out.toString();
    }

    /** Adds the definition of a named shape if missing; returns its definition name. */
    private String define(FieldSchema shape) {
        return switch (shape) {
            case StructSchema struct -> defineStruct(struct);
            case FreeFormSchema freeForm when freeForm.definitionName() != null -> {
                definitions.computeIfAbsent(freeForm.definitionName(), n -> type("object"));
                yield freeForm.definitionName();
            }
            default -> throw new IllegalArgumentException("not a named type: " + shape);
        };
    }

    private String defineStruct(StructSchema struct) {
        String name = struct.definitionName();
        if (definitions.containsKey(name)) {
            return name;
        }
        ObjectNode definition = type("object");
        definitions.put(name, definition); // before the fields, so cycles end here
        ObjectNode properties = JSON.objectNode();
        PatchSchema tags = PATCH_TAGS.get(name);
        struct.fields().forEach((field, shape) -> properties.set(field, withPatchTags(property(shape), tags, field)));
        definition.set("properties", properties);
        BuiltinKinds.kindOf(struct.modelClass()).ifPresent(kind ->
                definition.set("x-kubernetes-group-version-kind", gvkList(kind.group(), kind.version(), kind.kind())));
        return name;
    }

    /**
     * The strategic-merge-patch tags kubectl reads from OpenAPI v3 to compute apply patches: without them it
     * treats every list as atomic and re-sends whole lists (containers, ports) that defaulting has filled in.
     */
    private static ObjectNode withPatchTags(ObjectNode property, PatchSchema tags, String field) {
        if (tags == null) {
            return property;
        }
        PatchField tag = tags.field(field);
        if (tag == null || tag == PatchField.UNTAGGED) {
            return property;
        }
        String strategy = tag.merge() && tag.retainKeys() ? "merge,retainKeys" : tag.merge() ? "merge"
                : tag.retainKeys() ? "retainKeys" : null;
        if (strategy != null) {
            property.put("x-kubernetes-patch-strategy", strategy);
        }
        if (tag.hasMergeKey()) {
            property.put("x-kubernetes-patch-merge-key", tag.mergeKey());
        }
        return property;
    }

    /** A property: references carry {@code allOf}, as kube-apiserver wraps them to allow sibling keywords. */
    private ObjectNode property(FieldSchema shape) {
        ObjectNode inline = inline(shape);
        return inline.has("$ref") ? JSON.objectNode().set("allOf", JSON.arrayNode().add(inline)) : inline;
    }

    private ObjectNode allOf(String definitionName) {
        return JSON.objectNode().set("allOf", JSON.arrayNode().add(ref(definitionName)));
    }

    private ObjectNode inline(FieldSchema shape) {
        return switch (shape) {
            case StructSchema struct -> ref(defineStruct(struct));
            case ListSchema list -> type("array").set("items", inline(list.items()));
            case MapSchema map -> type("object").set("additionalProperties", inline(map.values()));
            case FreeFormSchema freeForm when freeForm.definitionName() != null -> ref(define(freeForm));
            case FreeFormSchema any -> JSON.objectNode().put("x-kubernetes-preserve-unknown-fields", true);
            case ScalarSchema scalar -> scalar(scalar.scalar());
        };
    }

    private ObjectNode scalar(ScalarSchema.Scalar scalar) {
        return switch (scalar) {
            case STRING -> type("string");
            case BOOLEAN -> type("boolean");
            case INT32 -> type("integer").put("format", "int32");
            case INT64 -> type("integer").put("format", "int64");
            case FLOAT64 -> type("number").put("format", "double");
            case BYTES -> type("string").put("format", "byte");
            case INT_OR_STRING -> {
                definitions.computeIfAbsent(DefinitionNames.INT_OR_STRING, n -> {
                    ObjectNode intOrString = JSON.objectNode().put("format", "int-or-string");
                    intOrString.set("oneOf", JSON.arrayNode().add(type("integer")).add(type("string")));
                    return intOrString.put("x-kubernetes-int-or-string", true);
                });
                yield ref(DefinitionNames.INT_OR_STRING);
            }
            case QUANTITY -> {
                definitions.computeIfAbsent(DefinitionNames.QUANTITY, n ->
                        JSON.objectNode().set("oneOf", JSON.arrayNode().add(type("string")).add(type("number"))));
                yield ref(DefinitionNames.QUANTITY);
            }
            case MICRO_TIME -> {
                definitions.computeIfAbsent(DefinitionNames.MICRO_TIME, n -> type("string").put("format", "date-time"));
                yield ref(DefinitionNames.MICRO_TIME);
            }
        };
    }

    private static ObjectNode type(String type) {
        return JSON.objectNode().put("type", type);
    }
}
