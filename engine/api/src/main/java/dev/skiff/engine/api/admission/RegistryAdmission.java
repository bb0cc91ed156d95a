package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.Admission;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.store.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's admission step backed by the webhook configurations in the store: turns each write into
 * the attributes webhooks are matched and called with, and a refusal into the Status Kubernetes returns.
 */
public final class RegistryAdmission implements Admission {
    private static final String MUTATING = "/admissionregistration.k8s.io/mutatingwebhookconfigurations/";
    private static final String VALIDATING = "/admissionregistration.k8s.io/validatingwebhookconfigurations/";

    private final WebhookAdmission webhooks;

    public RegistryAdmission(Store store) {
        this.webhooks = new WebhookAdmission(() -> configurations(store, MUTATING),
                () -> configurations(store, VALIDATING), namespace -> namespaceLabels(store, namespace),
                new HttpsWebhookTransport());
    }

    private static List<JsonNode> configurations(Store store, String prefix) {
        return store.list(prefix, null, 0, o -> true).items().stream()
                .map(o -> (JsonNode) Json.parseStored(o.value())).toList();
    }

    private static Map<String, String> namespaceLabels(Store store, String namespace) {
        return store.get("/core/namespaces/" + namespace).map(o -> {
            Map<String, String> labels = new HashMap<>();
            Json.parseStored(o.value()).path("metadata").path("labels").properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            return labels;
        }).orElse(null);
    }

    @Override
    public ObjectNode mutate(Operation operation, ResourceType type, String subresource, String namespace,
                             String name, ObjectNode object, ObjectNode old, RequestContext ctx) {
        try {
            MutationResult result = webhooks.mutate(attributes(operation, type, subresource, namespace, name, object,
                    old, ctx));
            result.warnings().forEach(ctx.warnings()::add);
            // the same instance when nothing changed, so callers can tell
            return result.object() == null || Json.sameValue(result.object(), object) ? object : result.object();
        } catch (AdmissionDeniedException e) {
            throw refusal(e, ctx);
        }
    }

    @Override
    public void validate(Operation operation, ResourceType type, String subresource, String namespace, String name,
                         ObjectNode object, ObjectNode old, RequestContext ctx) {
        try {
            webhooks.validate(attributes(operation, type, subresource, namespace, name, object, old, ctx))
                    .forEach(ctx.warnings()::add);
        } catch (AdmissionDeniedException e) {
            throw refusal(e, ctx);
        }
    }

    private static AdmissionAttributes attributes(Operation operation, ResourceType type, String subresource,
                                                  String namespace, String name, ObjectNode object, ObjectNode old,
                                                  RequestContext ctx) {
        String ns = type.namespaced() ? namespace
                : type.group().isEmpty() && type.kind().equals("Namespace") ? name : null;
        return new AdmissionAttributes(operation.name(), type.group(), type.version(), type.kind(), type.plural(),
                subresource, ns, name, object, old, ctx.dryRun(), ctx.user(), ctx.groups(), null);
    }

    private static RuntimeException refusal(AdmissionDeniedException e, RequestContext ctx) {
        e.warnings().forEach(ctx.warnings()::add);
        ObjectNode status = e.toStatus();
        return new Status(status.path("code").asInt(e.code()), status.path("reason").asText(""),
                status.path("message").asText(""), null).exception();
    }
}
