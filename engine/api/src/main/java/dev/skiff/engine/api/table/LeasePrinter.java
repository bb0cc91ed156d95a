package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Leases: NAME HOLDER AGE. */
final class LeasePrinter extends TablePrinter {

    LeasePrinter() {
        super(ColumnDefinition.objectName(),
                string("Holder", "The identity of the lease's current holder."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode lease, Instant now, Cells cells) {
        cells.text(name(lease)).text(Json.text(lease, "spec", "holderIdentity")).text(age(lease, now));
    }
}
