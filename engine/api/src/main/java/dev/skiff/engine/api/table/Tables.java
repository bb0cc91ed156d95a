package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Renders objects as a {@code meta.k8s.io/v1 Table}, what kube-apiserver returns for
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}:
 *
 * <pre>
 * {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"42"},
 *  "columnDefinitions":[...],
 *  "rows":[{"cells":[...],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{...}}}]}
 * </pre>
 */
public final class Tables {

    /** The Table's group and version. */
    public static final String API_VERSION = "meta.k8s.io/v1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Tables() {
    }

    /** A Table with column definitions, for a list (or a single object, with its resourceVersion). */
    public static ObjectNode render(TableConvertor convertor, List<? extends JsonNode> objects,
            String listResourceVersion, String continueToken, IncludeObjectPolicy includeObject, Instant now) {
        return render(convertor, objects, new ListMeta(listResourceVersion, continueToken, null),
                new TableOptions(includeObject, false), now);
    }

    /** A Table, with every option. */
    public static ObjectNode render(TableConvertor convertor, List<? extends JsonNode> objects, ListMeta listMeta,
            TableOptions options, Instant now) {
        ObjectNode table = JSON.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", API_VERSION);
        table.set("metadata", listMetadata(listMeta));
        if (options.noHeaders()) {
            table.putNull("columnDefinitions");
        } else {
            table.set("columnDefinitions", convertor.columnDefinitions());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            rows.add(row(convertor, object, options.includeObject(), now));
        }
        return table;
    }

    /** One row: its cells, its conditions when it has any, and the object as the policy asks. */
    public static ObjectNode row(TableConvertor convertor, JsonNode object, IncludeObjectPolicy includeObject,
            Instant now) {
        ObjectNode row = JSON.objectNode();
        row.set("cells", convertor.cells(object, now));
        List<RowCondition> conditions = convertor.conditions(object);
        if (!conditions.isEmpty()) {
            ArrayNode json = row.putArray("conditions");
            conditions.forEach(condition -> json.add(condition.toJson()));
        }
        switch (includeObject) {
            case METADATA -> row.set("object", partialObjectMetadata(object));
            case OBJECT -> row.set("object", object.deepCopy());
            // The row's object is an empty RawExtension, which Kubernetes serializes as null.
            case NONE -> row.putNull("object");
        }
        return row;
    }

    /** {@code meta.AsPartialObjectMetadata}: the object's whole metadata under PartialObjectMetadata's type. */
    public static ObjectNode partialObjectMetadata(JsonNode object) {
        ObjectNode partial = JSON.objectNode();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", API_VERSION);
        JsonNode metadata = object.get("metadata");
        partial.set("metadata", metadata != null && metadata.isObject() ? metadata.deepCopy() : JSON.objectNode());
        return partial;
    }

    private static ObjectNode listMetadata(ListMeta listMeta) {
        ObjectNode metadata = JSON.objectNode();
        if (listMeta == null) {
            return metadata;
        }
        if (listMeta.resourceVersion() != null && !listMeta.resourceVersion().isEmpty()) {
            metadata.put("resourceVersion", listMeta.resourceVersion());
        }
        if (listMeta.continueToken() != null && !listMeta.continueToken().isEmpty()) {
            metadata.put("continue", listMeta.continueToken());
        }
        if (listMeta.remainingItemCount() != null) {
            metadata.put("remainingItemCount", listMeta.remainingItemCount());
        }
        return metadata;
    }
}
