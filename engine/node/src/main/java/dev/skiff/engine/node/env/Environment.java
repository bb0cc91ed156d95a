package dev.skiff.engine.node.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A container's environment, built by {@link ContainerEnvironment}.
 *
 * @param env       the variables in order: service links, then {@code envFrom}, then {@code env} (a later
 *                  source replaces an earlier value in place)
 * @param warnings  messages for the Warning events the kubelet records while building it, each with the reason
 *                  {@link #INVALID_NAMES_REASON} (keys of {@code envFrom} sources that are no valid names)
 */
public record Environment(SequencedMap<String, String> env, List<String> warnings) {

    /** The event reason for {@code envFrom} keys that were skipped. */
    public static final String INVALID_NAMES_REASON = "InvalidEnvironmentVariableNames";

    public Environment {
        env = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(env));
        warnings = List.copyOf(warnings);
    }

    /** {@code NAME=value} strings in order, as a process environment is written. */
    public List<String> asList() {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
