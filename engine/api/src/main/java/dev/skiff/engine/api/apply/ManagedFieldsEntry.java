package dev.skiff.engine.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One item of {@code metadata.managedFields}: a manager, the kind of write that gave it its
 * fields, the API version it used, when it last changed the object, and its fields:
 * <pre>{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2026-11-23T10:00:00Z",
 *  "fieldsType":"FieldsV1","fieldsV1":{...}}</pre>
 *
 * @param time when the manager last changed the object; null if never recorded
 * @param subresource {@code "status"}, {@code "scale"}, or null for the main resource
 */
public record ManagedFieldsEntry(
        String manager, Operation operation, String apiVersion, Instant time, String subresource, FieldSet fields) {

    /** The {@code operation} of an entry. */
    public enum Operation {
        /** A server-side apply. */
        Apply,
        /** Any other write: create, update, patch. */
        Update
    }

    public ManagedFieldsEntry {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(fields, "fields");
        time = time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
        subresource = subresource == null || subresource.isEmpty() ? null : subresource;
    }

    /**
     * What makes two entries the same manager: name, operation, subresource and, for
     * {@code Update} only, the API version (an applier keeps one entry across versions).
     */
    record Key(String manager, Operation operation, String apiVersion, String subresource) {

        static Key of(String manager, Operation operation, String apiVersion, String subresource) {
            return new Key(manager, operation, operation == Operation.Apply ? null : apiVersion,
                    subresource == null || subresource.isEmpty() ? null : subresource);
        }

        /** The identifier the Kubernetes API server builds for a manager; used to order managers. */
        String identifier() {
            // Go marshals the entry's fields in declaration order, not sorted.
            StringBuilder id = new StringBuilder("{");
            id.append("\"manager\":").append(JsonValues.goJson(TextNode.valueOf(manager)));
            id.append(",\"operation\":\"").append(operation.name()).append('"');
            if (apiVersion != null) {
                id.append(",\"apiVersion\":").append(JsonValues.goJson(TextNode.valueOf(apiVersion)));
            }
            if (subresource != null) {
                id.append(",\"subresource\":").append(JsonValues.goJson(TextNode.valueOf(subresource)));
            }
            return id.append('}').toString();
        }

        /** The manager as a conflict message names it: {@code "kubectl-client-side-apply" using apps/v1}. */
        String describe() {
            StringBuilder out = new StringBuilder().append('"').append(manager).append('"');
            if (subresource != null) {
                out.append(" with subresource \"").append(subresource).append('"');
            }
            if (operation == Operation.Update) {
                out.append(" using ").append(apiVersion);
            }
            return out.toString();
        }
    }

    Key key() {
        return Key.of(manager, operation, apiVersion, subresource);
    }

    ManagedFieldsEntry withFields(FieldSet newFields) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, newFields);
    }

    ManagedFieldsEntry withTime(Instant newTime) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, newTime, subresource, fields);
    }

    /** The JSON form, with Kubernetes' field order. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("manager", manager);
        out.put("operation", operation.name());
        out.put("apiVersion", apiVersion);
        if (time != null) {
            out.put("time", time.toString());
        }
        out.put("fieldsType", "FieldsV1");
        out.set("fieldsV1", fields.toFieldsV1());
        if (subresource != null) {
            out.put("subresource", subresource);
        }
        return out;
    }

    /**
     * Reads one entry, checking what the API server checks.
     *
     * @throws IllegalArgumentException if the entry is not valid
     */
    public static ManagedFieldsEntry fromJson(JsonNode json, int index) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("managed fields entry " + index + " must be an object");
        }
        String operationText = text(json, "operation");
        Operation operation;
        if ("Apply".equals(operationText)) {
            operation = Operation.Apply;
        } else if ("Update".equals(operationText)) {
            operation = Operation.Update;
        } else {
            throw new IllegalArgumentException("operation must be `Apply` or `Update`");
        }
        String apiVersion = text(json, "apiVersion");
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("apiVersion must not be empty");
        }
        String fieldsType = text(json, "fieldsType");
        if (fieldsType == null || fieldsType.isEmpty()) {
            throw new IllegalArgumentException("missing fieldsType in managed fields entry " + index);
        }
        if (!fieldsType.equals("FieldsV1")) {
            throw new IllegalArgumentException("invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + index);
        }
        Instant time = null;
        String timeText = text(json, "time");
        if (timeText != null && !timeText.isEmpty()) {
            try {
                time = Instant.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("invalid time \"" + timeText + "\" in managed fields entry " + index);
            }
        }
        String manager = text(json, "manager");
        return new ManagedFieldsEntry(manager == null ? "" : manager, operation, apiVersion, time,
                text(json, "subresource"), FieldSet.fromFieldsV1(json.get("fieldsV1")));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
