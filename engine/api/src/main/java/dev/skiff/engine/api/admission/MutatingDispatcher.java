package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Calls matching mutating webhooks one after another, each seeing the previous one's output, and reinvokes
 * once the {@code IfNeeded} webhooks whose input a later webhook changed.
 */
final class MutatingDispatcher {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final WebhookMatcher matcher;
    private final WebhookCaller caller;

    MutatingDispatcher(WebhookMatcher matcher, WebhookCaller caller) {
        this.matcher = matcher;
        this.caller = caller;
    }

    MutationResult dispatch(List<Webhook> webhooks, AdmissionAttributes request) {
        ObjectNode current = request.object() == null ? null : request.object().deepCopy();
        Set<String> warnings = new LinkedHashSet<>();
        // Kubernetes' webhookReinvokeContext: IfNeeded webhooks called so far, and those a later change made due
        Set<String> invokedReinvocable = new HashSet<>();
        Set<String> toReinvoke = new HashSet<>();
        try {
            for (int round = 0; round < 2; round++) {
                if (round == 1 && toReinvoke.isEmpty()) {
                    break;
                }
                for (Webhook webhook : webhooks) {
                    AdmissionAttributes attributes = request.withObject(current);
                    if (!matcher.shouldCall(webhook, attributes)) {
                        continue;
                    }
                    // a webhook skipped in the first round is never called for the first time on reinvocation
                    if (round == 1 && !toReinvoke.contains(webhook.uid())) {
                        continue;
                    }
                    WebhookCallFailure failure = null;
                    ObjectNode output = current;
                    try {
                        output = callOnce(webhook, attributes, warnings);
                    } catch (WebhookCallFailure e) {
                        failure = e;
                    }
                    if (output != current && !output.equals(current)) {
                        toReinvoke.addAll(invokedReinvocable);
                        invokedReinvocable.clear();
                    }
                    current = output;
                    if (webhook.reinvokedIfNeeded()) {
                        invokedReinvocable.add(webhook.uid());
                    }
                    if (failure != null && !webhook.failsOpen()) {
                        throw failure.toInternalError(webhook.name());
                    }
                }
            }
        } catch (AdmissionDeniedException e) {
            throw e.withWarnings(warnings);
        }
        return new MutationResult(current, List.copyOf(warnings));
    }

    /** The object after this webhook's patch (the same instance when it sent none). */
    private ObjectNode callOnce(Webhook webhook, AdmissionAttributes attributes, Set<String> warnings)
            throws WebhookCallFailure {
        AdmissionReviews.Response response = caller.call(webhook, attributes, true);
        warnings.addAll(response.warnings());
        if (!response.allowed()) {
            throw AdmissionReviews.denial(webhook.name(), response.status());
        }
        if (response.patch().isEmpty()) {
            return attributes.object();
        }
        JsonNode patch;
        try {
            patch = MAPPER.readTree(new String(AdmissionReviews.decodePatch(response.patch()), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new WebhookCallFailure("received undecodable patch in webhook response: " + e.getOriginalMessage());
        }
        if (patch == null || !patch.isArray()) {
            throw new WebhookCallFailure(
                    "received undecodable patch in webhook response: a JSON patch must be an array of operations");
        }
        if (patch.isEmpty()) {
            return attributes.object();
        }
        if (attributes.object() == null) {
            throw AdmissionDeniedException.internalError("admission webhook \"" + webhook.name()
                    + "\" attempted to modify the object, which is not supported for this operation");
        }
        if (!"JSONPatch".equals(response.patchType())) {
            throw new WebhookCallFailure("unsupported patch type \"" + response.patchType() + "\"");
        }
        JsonNode patched;
        try {
            patched = JsonPatch.apply(patch, attributes.object());
        } catch (RuntimeException e) {
            throw AdmissionDeniedException.internalError(String.valueOf(e.getMessage()));
        }
        if (!(patched instanceof ObjectNode object)) {
            throw AdmissionDeniedException.internalError("admission webhook \"" + webhook.name()
                    + "\" patched the object into a non-object");
        }
        return object;
    }
}
