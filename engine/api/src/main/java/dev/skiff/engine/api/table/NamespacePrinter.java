package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Namespaces: NAME STATUS AGE. */
final class NamespacePrinter extends TablePrinter {

    NamespacePrinter() {
        super(ColumnDefinition.objectName(),
                string("Status", "The phase of the namespace: Active or Terminating."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode namespace, Instant now, Cells cells) {
        cells.text(name(namespace)).text(Json.text(namespace, "status", "phase")).text(age(namespace, now));
    }
}
