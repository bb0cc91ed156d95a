package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fields of objects in Kubernetes' JSON form the way Go reads its typed structs: an absent field is the
 * zero value ({@code ""}, {@code 0}, {@code false}, no items).
 */
final class Json {

    private Json() {
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node == null ? MissingNode.getInstance() : node;
        for (String step : path) {
            current = current.path(step);
        }
        return current;
    }

    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    static long number(JsonNode node, String... path) {
        return at(node, path).asLong(0);
    }

    static boolean bool(JsonNode node, String... path) {
        return at(node, path).asBoolean(false);
    }

    /** Whether a pointer field is set: Go's {@code != nil} for a struct pointer. */
    static boolean present(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return !value.isMissingNode() && !value.isNull();
    }

    static List<JsonNode> items(JsonNode node, String... path) {
        JsonNode array = at(node, path);
        List<JsonNode> items = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(items::add);
        }
        return items;
    }

    /** A {@code metav1.Time} or {@code MicroTime}; null for the zero time (absent, null or unreadable). */
    static Instant time(JsonNode node, String... path) {
        String value = text(node, path);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            return null;
        }
    }

    /** {@code translateTimestampSince}: the age of a timestamp, or {@code <unknown>} when it is unset. */
    static String since(Instant time, Instant now) {
        return time == null ? "<unknown>" : HumanDuration.format(Duration.between(time, now));
    }
}
