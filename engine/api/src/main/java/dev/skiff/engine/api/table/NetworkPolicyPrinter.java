package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;

/** NetworkPolicies: NAME POD-SELECTOR AGE. */
final class NetworkPolicyPrinter extends TablePrinter {

    NetworkPolicyPrinter() {
        super(ColumnDefinition.objectName(),
                string("Pod-Selector", "The pods the policy applies to."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode policy, Instant now, Cells cells) {
        // podSelector is a struct, not a pointer: when absent it is the empty selector, shown as <none>.
        JsonNode podSelector = policy.path("spec").get("podSelector");
        if (podSelector == null || podSelector.isNull()) {
            podSelector = JsonNodeFactory.instance.objectNode();
        }
        cells.text(name(policy)).text(Selectors.formatLabelSelector(podSelector)).text(age(policy, now));
    }
}
