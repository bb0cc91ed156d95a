package dev.skiff.engine.node.probes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The timing fields of a probe, with the API's defaults for absent or zero values.
 *
 * @param initialDelay     {@code initialDelaySeconds} (default 0): time after the container started before the first attempt
 * @param period           {@code periodSeconds} (default 10)
 * @param timeout          {@code timeoutSeconds} (default 1)
 * @param successThreshold {@code successThreshold} (default 1)
 * @param failureThreshold {@code failureThreshold} (default 3)
 */
public record ProbeSpec(Duration initialDelay, Duration period, Duration timeout, int successThreshold,
                        int failureThreshold) {

    /** Reads a probe's timing with real seconds. */
    public static ProbeSpec of(JsonNode probe) {
        return of(probe, Duration.ofSeconds(1));
    }

    /**
     * Reads a probe's timing where one of the spec's seconds lasts {@code second}; tests shrink it to run
     * quickly, everything else passes one second.
     */
    public static ProbeSpec of(JsonNode probe, Duration second) {
        return new ProbeSpec(
                second.multipliedBy(seconds(probe, "initialDelaySeconds", 0)),
                second.multipliedBy(seconds(probe, "periodSeconds", 10)),
                second.multipliedBy(seconds(probe, "timeoutSeconds", 1)),
                (int) seconds(probe, "successThreshold", 1),
                (int) seconds(probe, "failureThreshold", 3));
    }

    /** The attempt timeout of a probe, {@code timeoutSeconds} (default 1) in real seconds. */
    static Duration timeoutOf(JsonNode probe) {
        return Duration.ofSeconds(seconds(probe, "timeoutSeconds", 1));
    }

    // The API server's defaulting turns 0 into the default, so a 0 that slipped through means "unset" too.
    private static long seconds(JsonNode probe, String field, long fallback) {
        JsonNode value = probe == null ? null : probe.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() <= 0) {
            return fallback;
        }
        return value.asLong();
    }
}
