package dev.skiff.engine.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.ResourceType;

/**
 * Admission control around the registry's writes, in Kubernetes' order: {@link #mutate} after decoding and
 * defaulting, {@link #validate} after the kind's own validation, just before the store. Either refuses by
 * throwing an {@code ApiException}.
 */
public interface Admission {

    /** The object to continue with (may be changed); {@code object} is null for DELETE. */
    ObjectNode mutate(Operation operation, ResourceType type, String subresource, String namespace, String name,
                      ObjectNode object, ObjectNode old, RequestContext ctx);

    void validate(Operation operation, ResourceType type, String subresource, String namespace, String name,
                  ObjectNode object, ObjectNode old, RequestContext ctx);

    /** The operations admission sees, named as in an AdmissionReview. */
    enum Operation { CREATE, UPDATE, DELETE }

    /** No admission at all. */
    Admission NONE = new Admission() {
        @Override
        public ObjectNode mutate(Operation operation, ResourceType type, String subresource, String namespace,
                                 String name, ObjectNode object, ObjectNode old, RequestContext ctx) {
            return object;
        }

        @Override
        public void validate(Operation operation, ResourceType type, String subresource, String namespace,
                             String name, ObjectNode object, ObjectNode old, RequestContext ctx) {
        }
    };
}
