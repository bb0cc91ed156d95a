package dev.skiff.engine.api.admission;

import java.util.Map;

/** Reads the labels of a namespace, for webhooks' {@code namespaceSelector}. */
@FunctionalInterface
public interface NamespaceLabels {
    /** The namespace's labels (empty when it has none), or null when the namespace does not exist. */
    Map<String, String> of(String namespace);
}
