package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of a Mutating/ValidatingWebhookConfiguration's {@code webhooks}, with the v1 defaults applied
 * where they are read.
 */
record Webhook(String configurationName, int index, JsonNode spec) {

    /** The webhooks of all configurations, in the order Kubernetes calls them: configurations by name. */
    static List<Webhook> of(List<JsonNode> configurations) {
        List<JsonNode> sorted = new ArrayList<>(configurations == null ? List.of() : configurations);
        sorted.sort(Comparator.comparing(c -> c.path("metadata").path("name").asText()));
        List<Webhook> webhooks = new ArrayList<>();
        for (JsonNode configuration : sorted) {
            String configurationName = configuration.path("metadata").path("name").asText();
            int i = 0;
            for (JsonNode spec : configuration.path("webhooks")) {
                webhooks.add(new Webhook(configurationName, i++, spec));
            }
        }
        return webhooks;
    }

    String name() {
        return spec.path("name").asText();
    }

    /** Identifies this webhook across reinvocation rounds. */
    String uid() {
        return configurationName + "/" + name() + "/" + index;
    }

    /** failurePolicy defaults to Fail in v1. */
    boolean failsOpen() {
        return "Ignore".equals(spec.path("failurePolicy").asText("Fail"));
    }

    /** sideEffects is required in v1; null when absent. */
    String sideEffects() {
        JsonNode value = spec.get("sideEffects");
        return value == null || value.isNull() ? null : value.asText();
    }

    /** timeoutSeconds defaults to 10 in v1. */
    int timeoutSeconds() {
        JsonNode value = spec.get("timeoutSeconds");
        return value == null || value.isNull() ? 10 : value.asInt();
    }

    /** reinvocationPolicy defaults to Never. */
    boolean reinvokedIfNeeded() {
        return "IfNeeded".equals(spec.path("reinvocationPolicy").asText("Never"));
    }

    boolean acceptsAdmissionReviewV1() {
        for (JsonNode version : spec.path("admissionReviewVersions")) {
            if ("v1".equals(version.asText())) {
                return true;
            }
        }
        return false;
    }

    JsonNode clientConfig() {
        return spec.path("clientConfig");
    }

    JsonNode rules() {
        return spec.path("rules");
    }

    JsonNode namespaceSelector() {
        return spec.get("namespaceSelector");
    }

    JsonNode objectSelector() {
        return spec.get("objectSelector");
    }
}
