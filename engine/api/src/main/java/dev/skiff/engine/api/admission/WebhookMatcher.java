package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides whether a webhook is called for a request: namespaceSelector, objectSelector and rules, in
 * Kubernetes' order (selector errors only count when a rule matches).
 */
final class WebhookMatcher {
    private final NamespaceLabels namespaceLabels;
    private final Function<JsonNode, LabelMatcher> selectors;

    WebhookMatcher(NamespaceLabels namespaceLabels, Function<JsonNode, LabelMatcher> selectors) {
        this.namespaceLabels = namespaceLabels;
        this.selectors = selectors;
    }

    boolean shouldCall(Webhook webhook, AdmissionAttributes request) {
        AdmissionDeniedException namespaceError = null;
        boolean namespaceMatches = false;
        try {
            namespaceMatches = namespaceMatches(webhook.namespaceSelector(), request);
        } catch (AdmissionDeniedException e) {
            namespaceError = e;
        }
        if (!namespaceMatches && namespaceError == null) {
            return false;
        }
        AdmissionDeniedException objectError = null;
        boolean objectMatches = false;
        try {
            objectMatches = objectMatches(webhook.objectSelector(), request);
        } catch (AdmissionDeniedException e) {
            objectError = e;
        }
        if (!objectMatches && objectError == null) {
            return false;
        }
        if (!WebhookRules.anyMatches(webhook.rules(), request)) {
            return false;
        }
        if (namespaceError != null) {
            throw namespaceError;
        }
        if (objectError != null) {
            throw objectError;
        }
        return true;
    }

    private boolean namespaceMatches(JsonNode selector, AdmissionAttributes request) {
        boolean namespaceObject = "namespaces".equals(request.resource());
        if (request.namespace().isEmpty() && !namespaceObject) {
            return true; // cluster-scoped objects are never exempted by namespaceSelector
        }
        if (MetaLabelSelector.isEmpty(selector)) {
            return true;
        }
        LabelMatcher matcher = compile(selector);
        Map<String, String> labels;
        if (namespaceObject && request.subresource().isEmpty()
                && ("CREATE".equals(request.operation()) || "UPDATE".equals(request.operation()))) {
            // the store does not have the new labels yet
            labels = MetaLabelSelector.labelsOf(request.object());
        } else {
            String namespace = request.namespace().isEmpty() ? request.name() : request.namespace();
            labels = namespaceLabels.of(namespace);
            if (labels == null) {
                JsonNode details = JsonNodeFactory.instance.objectNode()
                        .put("name", namespace).put("kind", "namespaces");
                throw new AdmissionDeniedException(404, "NotFound", "namespaces \"" + namespace + "\" not found", details);
            }
        }
        return matcher.matches(labels);
    }

    private boolean objectMatches(JsonNode selector, AdmissionAttributes request) {
        if (MetaLabelSelector.isEmpty(selector)) {
            return true;
        }
        LabelMatcher matcher = compile(selector);
        return (request.object() != null && matcher.matches(MetaLabelSelector.labelsOf(request.object())))
                || (request.oldObject() != null && matcher.matches(MetaLabelSelector.labelsOf(request.oldObject())));
    }

    private LabelMatcher compile(JsonNode selector) {
        try {
            return selectors.apply(selector);
        } catch (RuntimeException e) {
            throw AdmissionDeniedException.internalError(String.valueOf(e.getMessage()));
        }
    }
}
