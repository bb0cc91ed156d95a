package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;

/** A kind's print handler: its column definitions and how one object fills them. */
abstract class TablePrinter implements TableConvertor {

    private final List<ColumnDefinition> columns;

    TablePrinter(ColumnDefinition... columns) {
        this.columns = List.of(columns);
    }

    /** Appends the object's cells, one per column, in column order. */
    abstract void print(JsonNode object, Instant now, Cells cells);

    List<ColumnDefinition> columns() {
        return columns;
    }

    @Override
    public final ArrayNode columnDefinitions() {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        columns.forEach(column -> json.add(column.toJson()));
        return json;
    }

    @Override
    public final ArrayNode cells(JsonNode object, Instant now) {
        Cells cells = new Cells();
        print(object, now, cells);
        if (cells.json().size() != columns.size()) {
            throw new IllegalStateException(getClass().getSimpleName() + " printed " + cells.json().size()
                    + " cells for " + columns.size() + " columns");
        }
        return cells.json();
    }

    /** The object's age, measured at {@code now}. */
    static String age(JsonNode object, Instant now) {
        return Json.since(Json.time(object, "metadata", "creationTimestamp"), now);
    }

    static String name(JsonNode object) {
        return Json.text(object, "metadata", "name");
    }
}
