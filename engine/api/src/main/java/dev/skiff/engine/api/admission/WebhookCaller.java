package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/** Makes one call to one webhook: the dry-run check, the review, the transport, the answer's checks. */
final class WebhookCaller {
    private final WebhookTransport transport;

    WebhookCaller(WebhookTransport transport) {
        this.transport = transport;
    }

    AdmissionReviews.Response call(Webhook webhook, AdmissionAttributes request, boolean mutating)
            throws WebhookCallFailure {
        if (request.dryRun()) {
            String sideEffects = webhook.sideEffects();
            if (sideEffects == null) {
                throw new WebhookCallFailure("Webhook SideEffects is nil");
            }
            if (!sideEffects.equals("None") && !sideEffects.equals("NoneOnDryRun")) {
                // not a call failure: failurePolicy Ignore does not let a dry run through a webhook with side effects
                throw AdmissionDeniedException.badRequest(
                        "admission webhook \"" + webhook.name() + "\" does not support dry run");
            }
        }
        if (!webhook.acceptsAdmissionReviewV1()) {
            throw new WebhookCallFailure("could not create admission objects: "
                    + "webhook does not accept known AdmissionReview versions (v1, v1beta1)");
        }
        String uid = UUID.randomUUID().toString();
        JsonNode answer;
        try {
            answer = transport.call(webhook.clientConfig(), AdmissionReviews.request(uid, request),
                    Duration.ofSeconds(webhook.timeoutSeconds()));
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw new WebhookCallFailure("failed to call webhook: " + e.getMessage());
        }
        return AdmissionReviews.verify(uid, mutating, answer);
    }
}
