package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Secrets: NAME TYPE DATA AGE. */
final class SecretPrinter extends TablePrinter {

    SecretPrinter() {
        super(ColumnDefinition.objectName(),
                string("Type", "The type of the secret, e.g. Opaque or kubernetes.io/tls."),
                string("Data", "The number of keys in data."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode secret, Instant now, Cells cells) {
        cells.text(name(secret))
                .text(Json.text(secret, "type"))
                .integer(Json.at(secret, "data").size())
                .text(age(secret, now));
    }
}
