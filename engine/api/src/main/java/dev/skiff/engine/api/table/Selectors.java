package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.select.LabelSelector;
import dev.skiff.engine.api.select.SelectorException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How the printers show selectors and label maps in a cell. */
final class Selectors {

    private Selectors() {
    }

    /** {@code metav1.FormatLabelSelector}: the selector's string, {@code <none>} when empty or absent. */
    static String formatLabelSelector(JsonNode selector) {
        try {
            String text = LabelSelector.fromLabelSelectorObject(selector).toString();
            return text.isEmpty() ? "<none>" : text;
        } catch (SelectorException invalid) {
            return "<error>";
        }
    }

    /** A Deployment's SELECTOR: the selector's string, empty when absent, {@code <invalid>} when invalid. */
    static String selectorString(JsonNode selector) {
        try {
            return LabelSelector.fromLabelSelectorObject(selector).toString();
        } catch (SelectorException invalid) {
            return "<invalid>";
        }
    }

    /** {@code labels.FormatLabels}: {@code k=v} pairs sorted and joined by commas, {@code <none>} when empty. */
    static String formatLabels(JsonNode labels) {
        Map<String, String> sorted = new TreeMap<>();
        if (labels != null && labels.isObject()) {
            labels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        }
        String text = sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(","));
        return text.isEmpty() ? "<none>" : text;
    }
}
