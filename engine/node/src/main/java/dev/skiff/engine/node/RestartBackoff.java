package dev.skiff.engine.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's restart back-off per container: the first restart is at once, then each restart waits 10 s
 * after the previous exit, doubling up to 5 minutes; a container that stayed up for 10 minutes starts over.
 */
final class RestartBackoff {
    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);

    private record Entry(Duration delay, Instant lastUpdate) {
    }

    private final Clock clock;
    private final Duration initial;
    private final Duration max;
    private final Map<String, Entry> entries = new HashMap<>();

    RestartBackoff(Clock clock) {
        this(clock, INITIAL, MAX);
    }

    RestartBackoff(Clock clock, Duration initial, Duration max) {
        this.clock = clock;
        this.initial = initial;
        this.max = max;
    }

    /** How long the container must still wait after it finished at {@code finishedAt}; zero when it may start. */
    synchronized Duration remaining(String key, Instant finishedAt) {
        Entry e = entries.get(key);
        if (e == null || expired(e, finishedAt)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), finishedAt.plus(e.delay()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The delay being served, for the {@code back-off 10s restarting ...} message. */
    synchronized Duration current(String key) {
        Entry e = entries.get(key);
        return e == null ? initial : e.delay();
    }

    /** Records a restart after the exit at {@code finishedAt}: the next exit waits twice as long. */
    synchronized void restarted(String key, Instant finishedAt) {
        Entry e = entries.get(key);
        Duration next = e == null || expired(e, finishedAt) ? initial
                : (e.delay().multipliedBy(2).compareTo(max) > 0 ? max : e.delay().multipliedBy(2));
        entries.put(key, new Entry(next, clock.instant()));
    }

    synchronized void forget(String keyPrefix) {
        entries.keySet().removeIf(k -> k.startsWith(keyPrefix));
    }

    private boolean expired(Entry e, Instant finishedAt) {
        return Duration.between(e.lastUpdate(), finishedAt).compareTo(max.multipliedBy(2)) > 0;
    }
}
