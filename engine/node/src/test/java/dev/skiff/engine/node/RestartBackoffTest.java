package dev.skiff.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private static final String KEY = "uid-1/main";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final RestartBackoff backoff = new RestartBackoff(clock);

    /** The container exits now; returns how long it waits, and restarts it once that has passed. */
    private Duration crashAndRestart() {
        Instant finishedAt = clock.instant();
        Duration wait = backoff.remaining(KEY, finishedAt);
        clock.advance(wait);
        assertThat(backoff.remaining(KEY, finishedAt)).isZero();
        backoff.restarted(KEY, finishedAt);
        return wait;
    }

    @Test
    void theFirstRestartIsImmediate() {
        assertThat(backoff.remaining(KEY, clock.instant())).isZero();
    }

    @Test
    void theSecondExitWaitsTenSecondsFromTheExit() {
        crashAndRestart();
        clock.advance(Duration.ofSeconds(3)); // ran three seconds
        Instant finishedAt = clock.instant();
        clock.advance(Duration.ofSeconds(4)); // the agent looks a little later

        assertThat(backoff.remaining(KEY, finishedAt)).isEqualTo(Duration.ofSeconds(6));
        assertThat(backoff.current(KEY)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theDelayDoublesUpToFiveMinutes() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(crashAndRestart());
        }
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofMinutes(5),
                Duration.ofMinutes(5));
    }

    @Test
    void aContainerThatRanForTenMinutesStartsOverAtOnceAndThenWaitsTenSeconds() {
        for (int i = 0; i < 6; i++) {
            crashAndRestart();
        }
        assertThat(backoff.current(KEY)).isEqualTo(Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(crashAndRestart()).isZero();
        assertThat(crashAndRestart()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aContainerThatRanLessThanTenMinutesKeepsItsDelay() {
        for (int i = 0; i < 3; i++) {
            crashAndRestart();
        }
        clock.advance(Duration.ofMinutes(9));
        assertThat(crashAndRestart()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void theMessageShowsTheInitialDelayBeforeAnyRestart() {
        assertThat(backoff.current(KEY)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void forgettingAPodStartsItsContainersOverButLeavesOtherPodsAlone() {
        crashAndRestart();
        backoff.restarted("uid-2/main", clock.instant());

        backoff.forget("uid-1/");

        assertThat(backoff.remaining(KEY, clock.instant())).isZero();
        assertThat(backoff.remaining("uid-2/main", clock.instant())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void containersOfOnePodBackOffIndependently() {
        crashAndRestart();
        crashAndRestart();
        assertThat(backoff.remaining("uid-1/sidecar", clock.instant())).isZero();
    }
}
