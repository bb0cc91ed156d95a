package dev.skiff.engine.api.admission;

import java.util.Map;

/**
 * A compiled metav1.LabelSelector. Stand-in for the project's {@code select.LabelSelector}: pass
 * {@code node -> LabelSelector.fromLabelSelectorObject(node)::matches} to {@link WebhookAdmission} to use it.
 */
@FunctionalInterface
public interface LabelMatcher {
    boolean matches(Map<String, String> labels);
}
