package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Dynamic admission: calls the webhooks of MutatingWebhookConfigurations and ValidatingWebhookConfigurations
 * (admissionregistration.k8s.io/v1) for an API request, as kube-apiserver does.
 *
 * <p>The API server calls {@link #mutate} after decoding (and in-tree mutation) and {@link #validate} after
 * validation, just before storing. Both throw {@link AdmissionDeniedException} carrying the Status to return.
 * Configurations are read from the suppliers on every request, so changes apply at once.
 */
public final class WebhookAdmission {
    private final Supplier<List<JsonNode>> mutatingConfigurations;
    private final Supplier<List<JsonNode>> validatingConfigurations;
    private final MutatingDispatcher mutating;
    private final ValidatingDispatcher validating;

    /** Uses the built-in label selector matcher. */
    public WebhookAdmission(Supplier<List<JsonNode>> mutatingConfigurations,
            Supplier<List<JsonNode>> validatingConfigurations, NamespaceLabels namespaceLabels,
            WebhookTransport transport) {
        this(mutatingConfigurations, validatingConfigurations, namespaceLabels, transport, MetaLabelSelector::compile);
    }

    /**
     * @param labelSelectors compiles a metav1.LabelSelector object; may throw IllegalArgumentException for a bad one
     */
    public WebhookAdmission(Supplier<List<JsonNode>> mutatingConfigurations,
            Supplier<List<JsonNode>> validatingConfigurations, NamespaceLabels namespaceLabels,
            WebhookTransport transport, Function<JsonNode, LabelMatcher> labelSelectors) {
        this.mutatingConfigurations = mutatingConfigurations;
        this.validatingConfigurations = validatingConfigurations;
        WebhookMatcher matcher = new WebhookMatcher(namespaceLabels, labelSelectors);
        WebhookCaller caller = new WebhookCaller(transport);
        this.mutating = new MutatingDispatcher(matcher, caller);
        this.validating = new ValidatingDispatcher(matcher, caller);
    }

    /** Runs the mutating webhooks; returns the (possibly patched) object and the webhooks' warnings. */
    public MutationResult mutate(AdmissionAttributes request) {
        if (WebhookRules.isExemptAdmissionConfigurationResource(request)) {
            return new MutationResult(request.object(), List.of());
        }
        return mutating.dispatch(Webhook.of(mutatingConfigurations.get()), request);
    }

    /** Runs the validating webhooks in parallel; returns their warnings. */
    public List<String> validate(AdmissionAttributes request) {
        if (WebhookRules.isExemptAdmissionConfigurationResource(request)) {
            return List.of();
        }
        return validating.dispatch(Webhook.of(validatingConfigurations.get()), request);
    }
}
