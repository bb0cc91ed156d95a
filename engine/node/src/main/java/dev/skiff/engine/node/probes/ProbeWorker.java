package dev.skiff.engine.node.probes;

import dev.skiff.engine.api.text.GoQuote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Probes one container periodically with one of its probes and keeps the thresholded result, as the kubelet's
 * probe worker does.
 *
 * <p>The first attempt comes {@code initialDelaySeconds} after {@link #start()} (call it when the container has
 * started), then one every {@code periodSeconds}, each with {@code timeoutSeconds}. The result flips to healthy
 * after {@code successThreshold} consecutive successes and to unhealthy after {@code failureThreshold} consecutive
 * failures; {@link Listener#changed} is called when it flips. Before any flip, readiness is "not ready", liveness
 * is "healthy", startup is "not yet started". After a liveness or startup failure, and after a startup success,
 * the worker stops probing until {@link #reset()} (the container was restarted).
 *
 * <p>Timing runs on a {@link ScheduledExecutorService} shared by all workers; each attempt runs on its own virtual
 * thread so that a slow probe never holds up the scheduler. Attempts of one worker never overlap. Listener calls
 * are made one at a time and never after {@link #stop()} returns; a listener must not block.
 *
 * <p>Startup gating is the caller's job: as in the kubelet, start the liveness and readiness workers only once
 * the startup worker has reported success (or right away when there is no startup probe).
 */
public final class ProbeWorker {
    /** The kinds of probes, in the words the kubelet's events use. */
    public static final String LIVENESS = "Liveness";
    public static final String READINESS = "Readiness";
    public static final String STARTUP = "Startup";
    private static final Set<String> KINDS = Set.of(LIVENESS, READINESS, STARTUP);

    /** Told about results; calls come from the worker's threads. */
    public interface Listener {
        /**
         * The thresholded result flipped. For liveness and startup, {@code false} means the container must be
         * restarted (the kubelet then says "Container c failed liveness probe, will be restarted"); for startup,
         * {@code true} means the container has started; for readiness it is the container's readiness.
         *
         * @param message the last attempt's message (failure text, or body/output on success)
         */
        void changed(boolean healthy, String message);

        /**
         * An attempt failed or could not be run. {@code note} is the message of the {@code Unhealthy} Warning event
         * the kubelet records, e.g. {@code Liveness probe failed: HTTP probe failed with statuscode: 500} or
         * {@code Readiness probe errored and resulted in unknown state: strconv.Atoi: parsing "web": invalid syntax}.
         */
        default void failed(String note) {
        }

        /**
         * An attempt passed with a warning. {@code note} is the message of the {@code ProbeWarning} Warning event,
         * e.g. {@code Readiness probe warning: Probe terminated redirects, Response body: }.
         */
        default void warned(String note) {
        }
    }

    private final String kind;
    private final JsonNode probe;
    private final ProbeTarget target;
    private final Prober prober;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final ProbeSpec spec;

    private final Object lock = new Object();
    private long generation;
    private boolean running;
    private boolean inFlight;
    private boolean dueWhileInFlight;
    private ScheduledFuture<?> pending;
    private Boolean state;
    private Boolean lastSuccess;
    private int run;
    private boolean onHold;

    /** A worker whose probe timing is in real seconds. */
    public ProbeWorker(String kind, JsonNode probe, ProbeTarget target, Prober prober, Listener listener,
                       ScheduledExecutorService scheduler) {
        this(kind, probe, target, prober, listener, scheduler, Duration.ofSeconds(1));
    }

    /**
     * A worker where one of the probe's seconds ({@code initialDelaySeconds}, {@code periodSeconds},
     * {@code timeoutSeconds}) lasts {@code second}; for tests that cannot wait real seconds.
     *
     * @param kind {@link #LIVENESS}, {@link #READINESS} or {@link #STARTUP}
     */
    public ProbeWorker(String kind, JsonNode probe, ProbeTarget target, Prober prober, Listener listener,
                       ScheduledExecutorService scheduler, Duration second) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown probe type: " + GoQuote.quote(String.valueOf(kind)));
        }
        this.kind = kind;
        this.probe = Objects.requireNonNull(probe, "probe");
        this.target = Objects.requireNonNull(target, "target");
        this.prober = Objects.requireNonNull(prober, "prober");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.spec = ProbeSpec.of(probe, second);
        this.state = initialState();
    }

    /** Starts probing: the first attempt comes after {@code initialDelaySeconds}. Does nothing if running. */
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            generation++;
            schedule(spec.initialDelay());
        }
    }

    /** Stops probing; an attempt under way is left to finish but its result is thrown away. */
    public void stop() {
        synchronized (lock) {
            running = false;
            generation++;
            dueWhileInFlight = false;
            cancelPending();
        }
    }

    /**
     * The container was restarted: forget past results, go back to the initial state without telling the
     * listener (readiness: not ready; liveness: healthy; startup: not started) and, if running, probe again
     * after {@code initialDelaySeconds}.
     */
    public void reset() {
        synchronized (lock) {
            generation++;
            dueWhileInFlight = false;
            cancelPending();
            state = initialState();
            lastSuccess = null;
            run = 0;
            onHold = false;
            if (running) {
                schedule(spec.initialDelay());
            }
        }
    }

    /** The current thresholded result: ready, alive, or started. */
    public boolean healthy() {
        synchronized (lock) {
            return Boolean.TRUE.equals(state);
        }
    }

    /** Whether no attempt is under way or planned (the worker is stopped, or on hold until {@link #reset()}). */
    boolean idle() {
        synchronized (lock) {
            return !inFlight && pending == null && !dueWhileInFlight;
        }
    }

    /** The probe kind this worker runs. */
    public String kind() {
        return kind;
    }

    private Boolean initialState() {
        return switch (kind) {
            case READINESS -> false;
            case LIVENESS -> true;
            default -> null;
        };
    }

    private void schedule(Duration delay) {
        long gen = generation;
        try {
            pending = scheduler.schedule(() -> due(gen), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            running = false; // the node agent is shutting down
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void due(long gen) {
        synchronized (lock) {
            if (gen != generation || !running) {
                return;
            }
            pending = null;
            if (inFlight) {
                dueWhileInFlight = true;
                return;
            }
            inFlight = true;
        }
        Thread.ofVirtual().name("probe-" + kind).start(() -> attempt(gen));
    }

    private void attempt(long gen) {
        long began = System.nanoTime();
        ProbeResult result;
        try {
            result = prober.check(probe, target, spec.timeout());
        } catch (RuntimeException e) {
            result = ProbeResult.error(String.valueOf(e.getMessage()));
        }
        boolean launchNow = false;
        long current;
        synchronized (lock) {
            inFlight = false;
            current = generation;
            if (gen == current && running) {
                record(result);
                if (running && gen == generation && !onHold) {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
                    schedule(spec.period().minus(elapsed));
                }
            } else if (dueWhileInFlight && running) {
                // A reset came while this stale attempt ran and its first attempt is already due.
                dueWhileInFlight = false;
                inFlight = true;
                launchNow = true;
            }
        }
        if (launchNow) {
            Thread.ofVirtual().name("probe-" + kind).start(() -> attempt(current));
        }
    }

    /** Applies one attempt's result, as the kubelet's worker does; called with the lock held. */
    private void record(ProbeResult result) {
        switch (result.outcome()) {
            case FAILURE -> listener.failed(kind + " probe failed: " + result.message());
            case WARNING -> listener.warned(kind + " probe warning: " + result.message());
            case ERROR -> {
                // The kubelet throws an errored result away: it moves no threshold.
                listener.failed(kind + " probe errored and resulted in unknown state: " + result.message());
                return;
            }
            case SUCCESS -> {
            }
        }
        boolean success = result.success();
        if (lastSuccess != null && lastSuccess == success) {
            run++;
        } else {
            lastSuccess = success;
            run = 1;
        }
        if (run < (success ? spec.successThreshold() : spec.failureThreshold())) {
            return;
        }
        boolean flipped = state == null || state != success;
        state = success;
        if (!success && !kind.equals(READINESS)) {
            // The container is going to be restarted; nothing to probe until then.
            onHold = true;
            run = 0;
        } else if (success && kind.equals(STARTUP)) {
            onHold = true;
        }
        if (flipped) {
            listener.changed(success, result.message());
        }
    }
}
