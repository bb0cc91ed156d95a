package dev.skiff.engine.node.env;

import dev.skiff.engine.api.text.GoQuote;

/** The messages of the NotFound errors the kubelet reports for the ConfigMaps and Secrets a pod refers to. */
public final class NotFound {

    private NotFound() {
    }

    /** {@code configmap "NAME" not found}. */
    public static String configMap(String name) {
        return "configmap " + GoQuote.quote(name) + " not found";
    }

    /** {@code secret "NAME" not found}. */
    public static String secret(String name) {
        return "secret " + GoQuote.quote(name) + " not found";
    }
}
