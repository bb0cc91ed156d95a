package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.registry.Admission;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceType;
import java.util.List;

/** Admission steps run in order: the built-in ones first, then the webhooks, as kube-apiserver orders them. */
public final class AdmissionChain implements Admission {
    private final List<Admission> steps;

    public AdmissionChain(List<Admission> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public ObjectNode mutate(Operation operation, ResourceType type, String subresource, String namespace,
                             String name, ObjectNode object, ObjectNode old, RequestContext ctx) {
        ObjectNode current = object;
        for (Admission step : steps) {
            current = step.mutate(operation, type, subresource, namespace, name, current, old, ctx);
        }
        return current;
    }

    @Override
    public void validate(Operation operation, ResourceType type, String subresource, String namespace, String name,
                         ObjectNode object, ObjectNode old, RequestContext ctx) {
        for (Admission step : steps) {
            step.validate(operation, type, subresource, namespace, name, object, old, ctx);
        }
    }
}
