package dev.skiff.engine.net.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;

/**
 * Decides whether an Ingress belongs to an ingress class: its {@code spec.ingressClassName}, else the deprecated
 * {@code kubernetes.io/ingress.class} annotation, else the class marked default (annotation
 * {@code ingressclass.kubernetes.io/is-default-class: "true"} on the IngressClass).
 */
public final class IngressClassFilter {
    /** The annotation that named an Ingress's class before {@code spec.ingressClassName} existed. */
    public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    /** The IngressClass annotation that makes a class the default for Ingresses naming none. */
    public static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

    private IngressClassFilter() {
    }

    /** Whether the controller of {@code className} serves {@code ingress}. */
    public static boolean serves(ObjectNode ingress, String className, boolean isDefaultClass) {
        String specClass = Json.text(ingress, "spec.ingressClassName");
        if (specClass != null) {
            return specClass.equals(className);
        }
        JsonNode annotations = Json.at(ingress, "metadata.annotations");
        JsonNode annotated = annotations == null ? null : annotations.get(CLASS_ANNOTATION);
        if (annotated != null && annotated.isTextual()) {
            return annotated.asText().equals(className);
        }
        return isDefaultClass;
    }
}
