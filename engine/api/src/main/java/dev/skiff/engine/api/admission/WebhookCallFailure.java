package dev.skiff.engine.api.admission;

/**
 * Calling a webhook failed (Kubernetes' ErrCallingWebhook): the webhook's failurePolicy decides whether the
 * request fails (500) or goes on without it.
 */
final class WebhookCallFailure extends Exception {
    WebhookCallFailure(String reason) {
        super(reason);
    }

    /** The error users see when failurePolicy is Fail. */
    AdmissionDeniedException toInternalError(String webhookName) {
        return AdmissionDeniedException.internalError(
                "failed calling webhook \"" + webhookName + "\": " + getMessage());
    }
}
