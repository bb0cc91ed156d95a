package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Mutating and ValidatingWebhookConfigurations: NAME WEBHOOKS AGE. */
final class WebhookConfigurationPrinter extends TablePrinter {

    WebhookConfigurationPrinter() {
        super(ColumnDefinition.objectName(),
                ColumnDefinition.integer("Webhooks", "The number of webhooks in the configuration."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode configuration, Instant now, Cells cells) {
        cells.text(name(configuration))
                .integer(configuration.path("webhooks").size())
                .text(age(configuration, now));
    }
}
