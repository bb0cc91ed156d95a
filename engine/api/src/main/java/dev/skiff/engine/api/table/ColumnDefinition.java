package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code meta.k8s.io/v1 TableColumnDefinition}. kubectl prints columns of priority 0 always and those of
 * priority 1 with {@code -o wide}; {@code format: name} marks the column holding the object's name.
 */
public record ColumnDefinition(String name, String type, String format, String description, int priority) {

    /** A string column shown by default. */
    static ColumnDefinition string(String name, String description) {
        return new ColumnDefinition(name, "string", "", description, 0);
    }

    /** An integer column shown by default. */
    static ColumnDefinition integer(String name, String description) {
        return new ColumnDefinition(name, "integer", "", description, 0);
    }

    /** The object's name. */
    static ColumnDefinition objectName() {
        return new ColumnDefinition("Name", "string", "name",
                "The object's name, unique among objects of its kind in its namespace.", 0);
    }

    /** Time since the object was created. */
    static ColumnDefinition age() {
        return string("Age", "Time since the object was created (metadata.creationTimestamp).");
    }

    /** This column, shown only with {@code -o wide}. */
    ColumnDefinition wide() {
        return new ColumnDefinition(name, type, format, description, 1);
    }

    /** The column as JSON; every field is present, as Kubernetes serializes them without omitempty. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("type", type);
        json.put("format", format);
        json.put("description", description);
        json.put("priority", priority);
        return json;
    }
}
