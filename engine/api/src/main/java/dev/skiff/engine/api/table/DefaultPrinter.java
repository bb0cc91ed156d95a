package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Kubernetes' default table for kinds without a printer: NAME and CREATED AT, the creation time in UTC as an
 * RFC 3339 timestamp (a {@code date} column, which kubectl shows as an age).
 */
final class DefaultPrinter extends TablePrinter {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    DefaultPrinter() {
        super(ColumnDefinition.objectName(),
                new ColumnDefinition("Created At", "date", "",
                        "When the object was created (metadata.creationTimestamp).", 0));
    }

    @Override
    void print(JsonNode object, Instant now, Cells cells) {
        Instant created = Json.time(object, "metadata", "creationTimestamp");
        cells.text(name(object)).text(created == null ? ZERO_TIME : RFC3339.format(created));
    }
}
