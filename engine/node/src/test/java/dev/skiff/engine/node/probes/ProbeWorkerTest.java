package dev.skiff.engine.node.probes;

import static dev.skiff.engine.node.probes.Fixtures.container;
import static dev.skiff.engine.node.probes.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeWorkerTest {
    /** One of the spec's seconds lasts this long in these tests. */
    private static final Duration SECOND = Duration.ofMillis(20);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Recorder listener = new Recorder();

    @AfterEach
    void shutdown() {
        scheduler.shutdownNow();
    }

    /** Exit codes of successive exec attempts; the last one repeats. */
    private static final class Script implements ExecRunner {
        private final List<Integer> codes;
        final AtomicInteger attempts = new AtomicInteger();
        volatile long firstAttemptNanos;
        volatile int repeatAs = -1;

        Script(Integer... codes) {
            this.codes = List.of(codes);
        }

        @Override
        public ExecResult run(List<String> command, Duration timeout) {
            int n = attempts.getAndIncrement();
            if (n == 0) {
                firstAttemptNanos = System.nanoTime();
            }
            int code = repeatAs >= 0 && n >= codes.size() ? repeatAs : codes.get(Math.min(n, codes.size() - 1));
            return new ExecResult(code, code == 0 ? "ok" : "exit " + code, false);
        }
    }

    private static final class Recorder implements ProbeWorker.Listener {
        final ConcurrentLinkedQueue<String> changes = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();

        @Override
        public void changed(boolean healthy, String message) {
            changes.add(healthy + ":" + message);
        }

        @Override
        public void failed(String note) {
            failures.add(note);
        }

        @Override
        public void warned(String note) {
            warnings.add(note);
        }
    }

    private ProbeWorker worker(String kind, String timing, ExecRunner runner) {
        JsonNode probe = json("{'exec':{'command':['check']}" + (timing.isEmpty() ? "" : "," + timing) + "}");
        return worker(kind, probe, runner);
    }

    private ProbeWorker worker(String kind, JsonNode probe, ExecRunner runner) {
        return new ProbeWorker(kind, probe, new ProbeTarget("127.0.0.1", container(), runner), new Prober(),
                listener, scheduler, SECOND);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // poll interval
        }
    }

    @Test
    void readinessIsNotReadyUntilSuccessThresholdSuccessesInARow() {
        Script script = new Script(0, 1, 0, 0, 0);
        ProbeWorker w = worker(ProbeWorker.READINESS, "'periodSeconds':1,'successThreshold':3", script);
        assertThat(w.healthy()).isFalse();
        w.start();
        await(() -> !listener.changes.isEmpty());
        assertThat(script.attempts.get()).isGreaterThanOrEqualTo(5);
        assertThat(listener.changes).containsExactly("true:ok");
        assertThat(listener.failures).containsExactly("Readiness probe failed: exit 1");
        assertThat(w.healthy()).isTrue();
        w.stop();
    }

    @Test
    void readinessFlipsBackToNotReadyAfterFailureThresholdAndKeepsProbing() {
        Script script = new Script(0, 2, 2);
        script.repeatAs = 0;
        ProbeWorker w = worker(ProbeWorker.READINESS, "'periodSeconds':1,'failureThreshold':2", script);
        w.start();
        await(() -> listener.changes.size() == 3);
        assertThat(listener.changes).containsExactly("true:ok", "false:exit 2", "true:ok");
        w.stop();
    }

    @Test
    void livenessStaysHealthyWhileFailuresStayBelowTheThreshold() {
        Script script = new Script(1, 1, 0, 1, 1, 0, 1, 1, 0);
        script.repeatAs = 0;
        ProbeWorker w = worker(ProbeWorker.LIVENESS, "'periodSeconds':1", script);
        w.start();
        await(() -> script.attempts.get() >= 12);
        w.stop();
        assertThat(listener.changes).isEmpty();
        assertThat(listener.failures).hasSize(6).allMatch(n -> n.startsWith("Liveness probe failed: exit 1"));
        assertThat(w.healthy()).isTrue();
    }

    @Test
    void livenessReportsUnhealthyAfterFailureThresholdAndWaitsForARestart() {
        Script script = new Script(1);
        ProbeWorker w = worker(ProbeWorker.LIVENESS, "'periodSeconds':1,'failureThreshold':3", script);
        w.start();
        await(() -> !listener.changes.isEmpty());
        await(w::idle);
        assertThat(listener.changes).containsExactly("false:exit 1");
        assertThat(script.attempts.get()).isEqualTo(3);
        assertThat(w.healthy()).isFalse();

        // The container was restarted and now passes: healthy again, silently, and probed again.
        script.repeatAs = 0;
        w.reset();
        assertThat(w.healthy()).isTrue();
        await(() -> script.attempts.get() >= 6);
        assertThat(listener.changes).containsExactly("false:exit 1");
        w.stop();
    }

    @Test
    void startupReportsStartedOnceAndStopsProbing() {
        Script script = new Script(1, 1, 0);
        ProbeWorker w = worker(ProbeWorker.STARTUP, "'periodSeconds':1,'failureThreshold':30", script);
        assertThat(w.healthy()).isFalse();
        w.start();
        await(() -> !listener.changes.isEmpty());
        await(w::idle);
        assertThat(listener.changes).containsExactly("true:ok");
        assertThat(script.attempts.get()).isEqualTo(3);
        assertThat(w.healthy()).isTrue();
    }

    @Test
    void startupThatNeverSucceedsReportsFailureAfterTheThreshold() {
        Script script = new Script(7);
        ProbeWorker w = worker(ProbeWorker.STARTUP, "'periodSeconds':1,'failureThreshold':2", script);
        w.start();
        await(() -> !listener.changes.isEmpty());
        await(w::idle);
        assertThat(listener.changes).containsExactly("false:exit 7");
        assertThat(listener.failures).containsExactly("Startup probe failed: exit 7", "Startup probe failed: exit 7");
    }

    @Test
    void theFirstAttemptWaitsForTheInitialDelay() {
        Script script = new Script(0);
        ProbeWorker w = worker(ProbeWorker.READINESS, "'initialDelaySeconds':10,'periodSeconds':1", script);
        long started = System.nanoTime();
        w.start();
        await(() -> script.attempts.get() >= 1);
        assertThat(Duration.ofNanos(script.firstAttemptNanos - started)).isGreaterThanOrEqualTo(SECOND.multipliedBy(10));
        w.stop();
    }

    @Test
    void resetWaitsForTheInitialDelayAgain() {
        Script script = new Script(1);
        ConcurrentLinkedQueue<Long> attemptTimes = new ConcurrentLinkedQueue<>();
        ExecRunner timed = (command, timeout) -> {
            attemptTimes.add(System.nanoTime());
            return script.run(command, timeout);
        };
        ProbeWorker w = worker(ProbeWorker.LIVENESS, "'initialDelaySeconds':10,'periodSeconds':1,'failureThreshold':1",
                timed);
        w.start();
        await(() -> !listener.changes.isEmpty());
        await(w::idle);
        long resetAt = System.nanoTime();
        w.reset();
        await(() -> attemptTimes.size() >= 2);
        long secondAttempt = attemptTimes.stream().skip(1).findFirst().orElseThrow();
        assertThat(Duration.ofNanos(secondAttempt - resetAt)).isGreaterThanOrEqualTo(SECOND.multipliedBy(10));
        w.stop();
    }

    @Test
    void aProbeThatCannotRunIsReportedButMovesNoThreshold() {
        JsonNode probe = json("{'httpGet':{'path':'/','port':'metrics'},'periodSeconds':1,'failureThreshold':1}");
        ProbeWorker w = worker(ProbeWorker.READINESS, probe, new Script(0));
        w.start();
        await(() -> listener.failures.size() >= 3);
        w.stop();
        assertThat(listener.failures).allMatch(n -> n.equals(
                "Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing \"metrics\": invalid syntax"));
        assertThat(listener.changes).isEmpty();
    }

    @Test
    void attemptsOfOneWorkerNeverOverlapEvenWhenSlowerThanThePeriod() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        ExecRunner slow = (command, timeout) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            LockSupport.parkNanos(SECOND.multipliedBy(3).toNanos()); // the container answers slowly
            running.decrementAndGet();
            attempts.incrementAndGet();
            return new ExecResult(0, "", false);
        };
        ProbeWorker w = worker(ProbeWorker.READINESS, "'periodSeconds':1,'timeoutSeconds':10", slow);
        w.start();
        await(() -> attempts.get() >= 2);
        w.reset(); // a reset while an attempt is under way must not start a second one beside it
        await(() -> attempts.get() >= 5);
        w.stop();
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void stopEndsProbingAndTheListenerHearsNothingMore() {
        Script script = new Script(1);
        ProbeWorker w = worker(ProbeWorker.READINESS, "'periodSeconds':1", script);
        w.start();
        await(() -> script.attempts.get() >= 2);
        w.stop();
        int heard = listener.failures.size();
        await(w::idle);
        assertThat(listener.failures).hasSize(heard);
    }

    @Test
    void redirectWarningsAreReportedAsProbeWarnings() throws Exception {
        try (TestServer server = TestServer.http()) {
            JsonNode probe = json("{'httpGet':{'path':'/offhost','port':" + server.port() + "},'periodSeconds':1}");
            ProbeWorker w = worker(ProbeWorker.READINESS, probe, new Script(0));
            w.start();
            await(() -> !listener.changes.isEmpty());
            w.stop();
            assertThat(listener.changes.peek()).startsWith("true:");
            assertThat(listener.warnings.peek())
                    .isEqualTo("Readiness probe warning: Probe terminated redirects, Response body: moved away");
        }
    }

    @Test
    void unknownKindsAreRejected() {
        assertThatThrownBy(() -> worker("Sometimes", "", new Script(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown probe type: \"Sometimes\"");
    }
}
