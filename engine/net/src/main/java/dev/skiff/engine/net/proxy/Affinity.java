package dev.skiff.engine.net.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * A Service's session affinity ({@code spec.sessionAffinity} and
 * {@code spec.sessionAffinityConfig.clientIP.timeoutSeconds}).
 */
public sealed interface Affinity {

    /** Kubernetes' default for {@code sessionAffinityConfig.clientIP.timeoutSeconds}: 3 hours. */
    Duration DEFAULT_CLIENT_IP_TIMEOUT = Duration.ofSeconds(10800);

    /** {@code sessionAffinity: None}: every new connection goes to the next endpoint in turn. */
    None NONE = new None();

    /** {@code sessionAffinity: ClientIP} with the default timeout. */
    static ClientIp clientIp() {
        return new ClientIp(DEFAULT_CLIENT_IP_TIMEOUT);
    }

    static ClientIp clientIp(Duration timeout) {
        return new ClientIp(timeout);
    }

    /**
     * Reads a Service's fields: {@code sessionAffinity} ("None", "ClientIP" or missing) and
     * {@code sessionAffinityConfig.clientIP.timeoutSeconds} (may be null).
     */
    static Affinity of(String sessionAffinity, Integer timeoutSeconds) {
        if (sessionAffinity == null || sessionAffinity.isEmpty() || sessionAffinity.equals("None")) {
            return NONE;
        }
        if (sessionAffinity.equals("ClientIP")) {
            return timeoutSeconds == null ? clientIp() : clientIp(Duration.ofSeconds(timeoutSeconds));
        }
        throw new IllegalArgumentException(
                "Unsupported value: \"" + sessionAffinity + "\": supported values: \"ClientIP\", \"None\"");
    }

    /** No affinity. */
    record None() implements Affinity {
    }

    /**
     * Connections (and UDP sessions) from one client IP keep going to the endpoint the last one went to, while
     * that endpoint is ready and less than {@code timeout} has passed since that client's last new connection.
     */
    record ClientIp(Duration timeout) implements Affinity {
        public ClientIp {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: "
                        + timeout.toSeconds() + ": must be greater than 0 and less than 86400");
            }
        }
    }
}
