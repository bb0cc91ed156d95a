package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Objects in Kubernetes' JSON form for the table tests, with timestamps relative to a fixed now. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** The timestamp a duration before {@link #NOW}. */
    static String ago(Duration duration) {
        return NOW.minus(duration).toString();
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The cells of a row as plain Java values. */
    static List<Object> cells(TableConvertor convertor, JsonNode object) {
        List<Object> values = new ArrayList<>();
        for (JsonNode cell : convertor.cells(object, NOW)) {
            values.add(cell.isNumber() ? (Object) cell.asLong() : cell.isBoolean() ? cell.asBoolean() : cell.asText());
        }
        return values;
    }

    /** The cells of the columns shown without -o wide. */
    static List<Object> narrowCells(TableConvertor convertor, JsonNode object) {
        List<Object> all = cells(convertor, object);
        List<Object> narrow = new ArrayList<>();
        JsonNode columns = convertor.columnDefinitions();
        for (int i = 0; i < all.size(); i++) {
            if (columns.get(i).path("priority").asInt() == 0) {
                narrow.add(all.get(i));
            }
        }
        return narrow;
    }
}
