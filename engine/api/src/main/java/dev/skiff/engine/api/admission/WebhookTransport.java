package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Sends one AdmissionReview to a webhook and returns the AdmissionReview it answers.
 *
 * <p>Exception messages should read like Go's HTTP client errors ({@code Post "https://...": ...}); they are
 * shown to users after {@code failed to call webhook: }.
 */
@FunctionalInterface
public interface WebhookTransport {
    JsonNode call(JsonNode clientConfig, JsonNode admissionReview, Duration timeout)
            throws IOException, TimeoutException;
}
