package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.table.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@code meta.k8s.io/v1 Table} columns and row cells of a custom resource from its version's
 * {@code additionalPrinterColumns}, as kube-apiserver's CRD table convertor does: a leading {@code Name}
 * column, then one cell per column typed string/integer/number/boolean/date. A version without columns
 * gets the default {@code Age} column on {@code .metadata.creationTimestamp}.
 */
public final class PrinterColumns {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when "
            + "creating resources, although some resources may allow a client to request the generation of an "
            + "appropriate name automatically. Name is primarily intended for creation idempotence and "
            + "configuration definition. Cannot be updated. More info: "
            + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private static final String CREATION_TIMESTAMP_DESCRIPTION = "CreationTimestamp is a timestamp representing "
            + "the server time when this object was created. It is not guaranteed to be set in happens-before "
            + "order across separate operations. Clients may not set this value. It is represented in RFC3339 "
            + "form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /** One entry of {@code additionalPrinterColumns}. */
    public record Column(String name, String type, String format, String description, int priority,
            String jsonPath) {
    }

    private PrinterColumns() {
    }

    /** The columns of a CRD version entry ({@code spec.versions[i]}), defaulting to {@code Age}. */
    public static List<Column> columns(JsonNode crdVersion) {
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : crdVersion.path("additionalPrinterColumns")) {
            columns.add(new Column(c.path("name").asText(), c.path("type").asText(), c.path("format").asText(""),
                    c.path("description").asText(""), c.path("priority").asInt(0), c.path("jsonPath").asText()));
        }
        if (columns.isEmpty()) {
            columns.add(new Column("Age", "date", "", CREATION_TIMESTAMP_DESCRIPTION, 0,
                    ".metadata.creationTimestamp"));
        }
        return columns;
    }

    /** The Table's {@code columnDefinitions}: {@code Name} first, then the version's columns. */
    public static ArrayNode columnDefinitions(JsonNode crdVersion) {
        ArrayNode definitions = JSON.arrayNode();
        definitions.add(definition("Name", "string", "name", NAME_DESCRIPTION, 0));
        for (Column c : columns(crdVersion)) {
            definitions.add(definition(c.name(), c.type(), c.format(), c.description(), c.priority()));
        }
        return definitions;
    }

    /**
     * The Table row's {@code cells} for {@code object}: its name, then each column's value; absent values and
     * values of the wrong type are JSON null. Date cells carry the RFC 3339 timestamp (kubectl turns it into an
     * age), so {@code now} does not change the cells; it is accepted so callers can pass one clock everywhere.
     */
    public static ArrayNode cells(JsonNode crdVersion, JsonNode object, Instant now) {
        ArrayNode cells = JSON.arrayNode();
        cells.add(object.path("metadata").path("name").asText(""));
        for (Column column : columns(crdVersion)) {
            JsonNode value = JsonPathColumn.evaluate(column.jsonPath(), object);
            cells.add(cell(column.type(), value));
        }
        return cells;
    }

    /** The row as kubectl prints it: dates as ages relative to {@code now}, missing values as {@code <none>}. */
    public static List<String> printed(JsonNode crdVersion, JsonNode object, Instant now) {
        ArrayNode cells = cells(crdVersion, object, now);
        List<Column> columns = columns(crdVersion);
        List<String> row = new ArrayList<>();
        row.add(cells.get(0).asText());
        for (int i = 0; i < columns.size(); i++) {
            JsonNode cell = cells.get(i + 1);
            if (cell.isNull()) {
                row.add("<none>");
            } else if (columns.get(i).type().equals("date") && !cell.asText().equals("<invalid>")) {
                row.add(age(Instant.parse(cell.asText()), now));
            } else {
                row.add(cell.asText());
            }
        }
        return row;
    }

    /** kubectl's human duration since {@code then}, e.g. {@code 5m}, {@code 3h2m}, {@code 12d}. */
    public static String age(Instant then, Instant now) {
        return HumanDuration.format(Duration.between(then, now));
    }

    private static JsonNode cell(String type, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return JSON.nullNode();
        }
        return switch (type) {
            case "string" -> JSON.textNode(printed(value));
            case "integer" -> value.isNumber() ? JSON.numberNode(value.longValue()) : JSON.nullNode();
            case "number" -> value.isNumber() ? JSON.numberNode(value.doubleValue()) : JSON.nullNode();
            case "boolean" -> value.isBoolean() ? value : JSON.nullNode();
            case "date" -> value.isTextual() ? JSON.textNode(timestamp(value.textValue())) : JSON.nullNode();
            default -> JSON.nullNode();
        };
    }

    /** A timestamp as metav1.Time serializes it: UTC, whole seconds, RFC 3339; {@code <invalid>} otherwise. */
    private static String timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    /** Go's {@code fmt.Print} of a decoded JSON value, which is what a string column shows. */
    private static String printed(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNull()) {
            return "<nil>";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : GoFormat.number(value.doubleValue());
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(printed(v)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            value.properties().forEach(e -> sorted.put(e.getKey(), printed(e.getValue())));
            List<String> entries = new ArrayList<>();
            sorted.forEach((k, v) -> entries.add(k + ":" + v));
            return "map[" + String.join(" ", entries) + "]";
        }
        return value.asText();
    }

    private static ObjectNode definition(String name, String type, String format, String description, int priority) {
        ObjectNode d = JSON.objectNode();
        d.put("name", name);
        d.put("type", type);
        d.put("format", format);
        d.put("description", description);
        d.put("priority", priority);
        return d;
    }
}
