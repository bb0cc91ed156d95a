package dev.skiff.engine.node.probes;

import java.util.Objects;

/**
 * The result of one probe attempt, with the kubelet's words for it.
 *
 * @param outcome what the attempt came to
 * @param message on failure the kubelet's failure text (e.g. {@code HTTP probe failed with statuscode: 500});
 *                on success the response body or command output; on a warning the warning text
 */
public record ProbeResult(Outcome outcome, String message) {

    /** What one attempt came to, in the kubelet's terms ({@code probe.Result} plus its error case). */
    public enum Outcome {
        /** The check passed. */
        SUCCESS,
        /** The check passed with a warning worth an event ({@code ProbeWarning}), e.g. a redirect to another host. */
        WARNING,
        /** The check failed; counts toward {@code failureThreshold}. */
        FAILURE,
        /**
         * The probe could not be run at all (e.g. a named port the container does not have); the kubelet records
         * an event and throws the result away, so it counts neither as success nor as failure.
         */
        ERROR
    }

    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
    }

    /** Whether the attempt counts as a success (a warning does). */
    public boolean success() {
        return outcome == Outcome.SUCCESS || outcome == Outcome.WARNING;
    }

    static ProbeResult success(String message) {
        return new ProbeResult(Outcome.SUCCESS, message);
    }

    static ProbeResult warning(String message) {
        return new ProbeResult(Outcome.WARNING, message);
    }

    static ProbeResult failure(String message) {
        return new ProbeResult(Outcome.FAILURE, message);
    }

    static ProbeResult error(String message) {
        return new ProbeResult(Outcome.ERROR, message);
    }
}
