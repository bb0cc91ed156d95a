package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** ConfigMaps: NAME DATA AGE, where DATA counts the keys of {@code data} and {@code binaryData}. */
final class ConfigMapPrinter extends TablePrinter {

    ConfigMapPrinter() {
        super(ColumnDefinition.objectName(),
                string("Data", "The number of keys in data and binaryData."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode configMap, Instant now, Cells cells) {
        cells.text(name(configMap))
                .integer(Json.at(configMap, "data").size() + Json.at(configMap, "binaryData").size())
                .text(age(configMap, now));
    }
}
