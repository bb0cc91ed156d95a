package dev.skiff.engine.api.node;

import java.time.Instant;

/**
 * The query of a {@code pods/log} request, as {@code PodLogOptions}: {@code tailLines}, {@code limitBytes} and
 * {@code since} are null when not asked for ({@code sinceSeconds} is turned into {@code since} by the server).
 */
public record LogOptions(String container, boolean follow, boolean previous, boolean timestamps, Long tailLines,
                         Long limitBytes, Instant since) {
}
