package dev.skiff.engine.net.proxy;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Some of a Service port's listen addresses could not be bound (typically: address already in use). The
 * others were bound and serve; the failed ones are tried again on the next {@link ServiceProxy#apply}.
 */
public final class ListenerBindException extends RuntimeException {

    private final String key;
    private final Map<InetSocketAddress, Throwable> failures;

    ListenerBindException(String key, Map<InetSocketAddress, Throwable> failures) {
        super(message(key, failures));
        this.key = key;
        this.failures = Map.copyOf(failures);
        failures.values().forEach(this::addSuppressed);
    }

    /** The Service port this happened to, as passed to {@link ServiceProxy#apply}. */
    public String key() {
        return key;
    }

    /** Each address that could not be bound, with why. */
    public Map<InetSocketAddress, Throwable> failures() {
        return failures;
    }

    private static String message(String key, Map<InetSocketAddress, Throwable> failures) {
        return "service port " + key + ": cannot listen on " + failures.entrySet().stream()
                .map(e -> Addresses.text(e.getKey()) + " (" + e.getValue().getMessage() + ")")
                .collect(Collectors.joining(", "));
    }
}
