package dev.skiff.engine.api.admission;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls all matching validating webhooks at once, each on a virtual thread, and waits for all of them. */
final class ValidatingDispatcher {
    private final WebhookMatcher matcher;
    private final WebhookCaller caller;

    ValidatingDispatcher(WebhookMatcher matcher, WebhookCaller caller) {
        this.matcher = matcher;
        this.caller = caller;
    }

    private record Outcome(List<String> warnings, AdmissionDeniedException error) {}

    List<String> dispatch(List<Webhook> webhooks, AdmissionAttributes request) {
        List<Webhook> relevant = new ArrayList<>();
        for (Webhook webhook : webhooks) {
            if (matcher.shouldCall(webhook, request)) {
                relevant.add(webhook);
            }
        }
        if (relevant.isEmpty()) {
            return List.of();
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Webhook webhook : relevant) {
                futures.add(executor.submit(() -> callOne(webhook, request)));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdmissionDeniedException.internalError("interrupted while calling validating webhooks");
        } catch (ExecutionException e) {
            throw AdmissionDeniedException.internalError(String.valueOf(e.getCause()));
        }
        Set<String> warnings = new LinkedHashSet<>();
        AdmissionDeniedException first = null;
        for (Outcome outcome : outcomes) {
            warnings.addAll(outcome.warnings());
            if (first == null) {
                first = outcome.error(); // Kubernetes reports one error only; we take the first in webhook order
            }
        }
        if (first != null) {
            throw first.withWarnings(warnings);
        }
        return List.copyOf(warnings);
    }

    private Outcome callOne(Webhook webhook, AdmissionAttributes request) {
        AdmissionReviews.Response response;
        try {
            response = caller.call(webhook, request, false);
        } catch (WebhookCallFailure e) {
            return new Outcome(List.of(), webhook.failsOpen() ? null : e.toInternalError(webhook.name()));
        } catch (AdmissionDeniedException e) {
            return new Outcome(List.of(), e);
        }
        return new Outcome(response.warnings(),
                response.allowed() ? null : AdmissionReviews.denial(webhook.name(), response.status()));
    }
}
