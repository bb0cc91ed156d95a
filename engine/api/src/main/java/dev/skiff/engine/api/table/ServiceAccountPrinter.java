package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** ServiceAccounts: NAME SECRETS AGE. */
final class ServiceAccountPrinter extends TablePrinter {

    ServiceAccountPrinter() {
        super(ColumnDefinition.objectName(),
                string("Secrets", "The number of secrets listed by the service account."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode serviceAccount, Instant now, Cells cells) {
        cells.text(name(serviceAccount))
                .integer(Json.items(serviceAccount, "secrets").size())
                .text(age(serviceAccount, now));
    }
}
