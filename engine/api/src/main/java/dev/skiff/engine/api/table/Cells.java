package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The cells of one row, typed as the printers type them: strings, integers (int64) and booleans. */
final class Cells {

    private final ArrayNode cells = JsonNodeFactory.instance.arrayNode();

    Cells text(String value) {
        cells.add(value);
        return this;
    }

    Cells integer(long value) {
        cells.add(value);
        return this;
    }

    Cells bool(boolean value) {
        cells.add(value);
        return this;
    }

    ArrayNode json() {
        return cells;
    }
}
