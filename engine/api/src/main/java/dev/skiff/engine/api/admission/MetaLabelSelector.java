package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.select.LabelSelector;
import dev.skiff.engine.api.select.SelectorException;
import java.util.HashMap;
import java.util.Map;

/**
 * The label selectors of webhook configurations (namespaceSelector, objectSelector), compiled with the
 * project's {@code select.LabelSelector}, and the label helpers the matcher needs.
 */
final class MetaLabelSelector {
    private MetaLabelSelector() {}

    /** Compiles a selector object with the project's label selectors. */
    static LabelMatcher compile(JsonNode selector) {
        try {
            return LabelSelector.fromLabelSelectorObject(selector)::matches;
        } catch (SelectorException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** True when the selector selects everything: absent, null or with no requirements. */
    static boolean isEmpty(JsonNode selector) {
        return selector == null || !selector.isObject()
                || (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty());
    }

    static Map<String, String> labelsOf(JsonNode object) {
        Map<String, String> labels = new HashMap<>();
        if (object != null) {
            object.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return labels;
    }
}
