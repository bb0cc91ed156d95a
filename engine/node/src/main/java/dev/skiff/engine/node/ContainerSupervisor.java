package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.text.GoDuration;
import dev.skiff.engine.node.ContainerLauncher.Launch;
import dev.skiff.engine.node.ContainerLauncher.LaunchException;
import dev.skiff.engine.node.ContainerRuntime.Termination;
import dev.skiff.engine.node.cgroups.ContainerCgroup;
import dev.skiff.engine.node.cgroups.Limits;
import dev.skiff.engine.node.logs.LogWriter;
import dev.skiff.engine.node.probes.HookFailedException;
import dev.skiff.engine.node.probes.LifecycleHandler;
import dev.skiff.engine.node.probes.ProbeTarget;
import dev.skiff.engine.node.probes.ProbeWorker;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, watches and stops the containers of one pod: back-off before restarts, image and configuration
 * errors as waiting reasons, output into the container's log, the postStart hook, the probes, the exit (with
 * OOM kills told apart), and stopping with preStop, SIGTERM and SIGKILL.
 */
final class ContainerSupervisor {
    private static final Logger log = LoggerFactory.getLogger(ContainerSupervisor.class);

    private static final java.util.concurrent.ThreadFactory PUMPS = Thread.ofPlatform().daemon()
            .name("container-log-", 0).stackSize(128 * 1024).factory();

    private final PodRuntime pod;
    private final AgentContext ctx;

    ContainerSupervisor(PodRuntime pod, AgentContext ctx) {
        this.pod = pod;
        this.ctx = ctx;
    }

    private String backoffKey(ContainerRuntime c) {
        return pod.uid + "/" + c.name;
    }

    /** Starts the container unless it must wait out its back-off; called under the pod's lock. */
    void startOrWait(ContainerRuntime c) {
        Instant now = ctx.clock().instant();
        if (c.backoffUntil != null && now.isBefore(c.backoffUntil)) {
            return; // still waiting (ImagePullBackOff or CrashLoopBackOff), a resync is scheduled
        }
        if (c.terminated != null) {
            Duration wait = ctx.backoff().remaining(backoffKey(c), c.terminated.finishedAt());
            if (!wait.isZero()) {
                c.backoffUntil = now.plus(wait);
                c.waitingReason = "CrashLoopBackOff";
                c.waitingMessage = "back-off " + GoDuration.format(ctx.backoff().current(backoffKey(c)).toNanos())
                        + " restarting failed container=" + c.name + " pod=" + pod.name + "_" + pod.namespace
                        + "(" + pod.uid + ")";
                ctx.events().record(pod.pod(), "Warning", "BackOff", "Back-off restarting failed container "
                        + c.name + " in pod " + pod.name + "_" + pod.namespace + "(" + pod.uid + ")");
                ctx.resync().after(pod.key(), wait);
                return;
            }
            ctx.backoff().restarted(backoffKey(c), c.terminated.finishedAt());
        }
        start(c);
    }

    private void start(ContainerRuntime c) {
        Launch launch;
        try {
            launch = ctx.launcher().prepare(pod.podWithAddress(), c.spec, pod.volumes(), pod.podDir());
        } catch (LaunchException e) {
            waitOn(c, e);
            return;
        }
        ContainerCgroup cgroup = null;
        if (pod.cgroup() != null) {
            try {
                cgroup = pod.cgroup().container(c.name, Limits.ofContainer(c.spec));
                c.oomKillsAtStart = cgroup.oomKillCount();
            } catch (UncheckedIOException e) {
                waitOn(c, new LaunchException("CreateContainerError", e.getMessage()));
                return;
            }
        }
        boolean restarting = c.terminated != null;
        int restartCount = restarting ? c.restartCount + 1 : c.restartCount;
        LogWriter writer;
        try {
            writer = pod.logs().open(c.name, restartCount);
        } catch (java.io.IOException e) {
            waitOn(c, new LaunchException("RunContainerError", "cannot open the container's log: " + e.getMessage()));
            return;
        }
        Process process;
        try {
            process = ctx.launcher().start(launch, cgroup, c.spec.path("stdin").asBoolean(false));
        } catch (LaunchException e) {
            writer.close(); // nothing will write to it
            waitOn(c, e);
            return;
        }
        if (restarting) {
            c.lastTerminated = c.terminated;
            c.restartCount = restartCount;
        }
        c.terminated = null;
        c.instance++;
        c.process = process;
        c.cgroup = cgroup;
        c.log = writer;
        c.launch = launch;
        c.startedAt = ctx.clock().instant();
        c.containerId = "skiff://" + pod.uid + "-" + c.name + "-" + process.pid();
        c.imageId = launch.imageId();
        c.waitingReason = null;
        c.waitingMessage = null;
        c.backoffUntil = null;
        c.killReason = null;
        c.started = !c.spec.has("startupProbe");
        c.ready = !c.spec.has("readinessProbe") && c.started && !c.init;
        try {
            PodStateFile.record(pod.podDir(), c.name, process.toHandle());
        } catch (UncheckedIOException e) {
            log.warn("container {} of {} runs, but a restarted engine will not find it: {}", c.name, pod.key(),
                    e.getMessage());
        }
        pump(process, writer);
        int instance = c.instance;
        try {
            if (!launch.imageId().isEmpty()) {
                ctx.events().record(pod.pod(), "Normal", "Pulled", "Container image \""
                        + c.spec.path("image").asText() + "\" already present on machine");
            }
            ctx.events().record(pod.pod(), "Normal", "Created", "Created container " + c.name);
            ctx.events().record(pod.pod(), "Normal", "Started", "Started container " + c.name);
            JsonNode postStart = c.spec.path("lifecycle").path("postStart");
            if (!postStart.isMissingNode()) {
                runPostStart(c, instance, postStart);
            }
            if (!c.init) {
                startProbes(c, instance);
            }
        } finally {
            // last, so that a process that already ended is handled here with what it started (its probes) in
            // place to be undone; and always, so that no exit goes unseen
            process.onExit().thenRun(() -> exited(c, instance));
        }
    }

    private void waitOn(ContainerRuntime c, LaunchException e) {
        boolean pull = e.reason.equals("ErrImagePull");
        String key = backoffKey(c) + "/pull";
        if (pull && ("ErrImagePull".equals(c.waitingReason) || "ImagePullBackOff".equals(c.waitingReason))) {
            c.waitingReason = "ImagePullBackOff";
            c.waitingMessage = "Back-off pulling image \"" + c.spec.path("image").asText() + "\": " + e.getMessage();
        } else {
            c.waitingReason = e.reason;
            c.waitingMessage = e.getMessage();
        }
        Instant now = ctx.clock().instant();
        Duration wait = ctx.backoff().remaining(key, now.minusMillis(1));
        ctx.backoff().restarted(key, now);
        Duration delay = wait.isZero() ? ctx.backoff().current(key) : wait;
        c.backoffUntil = now.plus(delay);
        ctx.events().record(pod.pod(), "Warning", pull ? "Failed" : e.reason, pull
                ? "Failed to pull image \"" + c.spec.path("image").asText() + "\": " + e.getMessage()
                : "Error: " + e.getMessage());
        ctx.resync().after(pod.key(), delay);
    }

    /**
     * Copies the container's output into its log on a small platform thread: a blocking pipe read would pin a
     * virtual thread's carrier, and with hundreds of containers the virtual-thread scheduler would run out.
     */
    private static void pump(Process process, LogWriter writer) {
        PUMPS.newThread(() -> {
            writer.pump(process.getInputStream(), "stdout");
            writer.close();
        }).start();
    }

    /**
     * Records the end of instance {@code instance} of the container, once: called when its process ends, and by
     * {@link #stop} so that whoever stopped it sees the termination at once.
     */
    private void exited(ContainerRuntime c, int instance) {
        synchronized (pod) {
            if (c.instance != instance || c.process == null || c.terminated != null || c.process.isAlive()) {
                return;
            }
            Process process = c.process;
            int code = process.exitValue();
            boolean oom = c.cgroup != null && oomKilledSinceStart(c);
            if (c.cgroup != null) {
                // as when a container's first process ends in its PID namespace: nothing it started outlives it
                try {
                    c.cgroup.killRemaining();
                } catch (UncheckedIOException e) {
                    log.warn("processes left by container {} of {} may still run: {}", c.name, pod.key(),
                            e.getMessage());
                }
            }
            String reason = oom ? "OOMKilled" : code == 0 ? "Completed" : "Error";
            c.terminated = new Termination(oom ? 137 : code, null, reason, null, c.startedAt, ctx.clock().instant(),
                    c.containerId);
            c.ready = false;
            c.started = false;
            c.stopProbes();
            // under the lock: a restart (which records its new process) must not come in between
            try {
                PodStateFile.forget(pod.podDir(), c.name);
            } catch (UncheckedIOException e) {
                log.warn("cannot update the process record of {}: {}", pod.key(), e.getMessage());
            }
        }
        pod.changed();
    }

    private boolean oomKilledSinceStart(ContainerRuntime c) {
        try {
            return c.cgroup.oomKillCount() > c.oomKillsAtStart;
        } catch (UncheckedIOException e) {
            return false; // the exit is still recorded, as an Error
        }
    }

    /** Whether instance {@code instance} still runs and nobody is stopping it; under the pod's lock. */
    private boolean current(ContainerRuntime c, int instance) {
        return c.instance == instance && c.running() && c.killReason == null && !pod.terminating();
    }

    private void runPostStart(ContainerRuntime c, int instance, JsonNode handler) {
        Thread.ofVirtual().start(() -> {
            try {
                LifecycleHandler.run(handler, target(c), Duration.ofSeconds(30));
            } catch (HookFailedException e) {
                ctx.events().record(pod.pod(), "Warning", "FailedPostStartHook", e.getMessage());
                synchronized (pod) {
                    if (!current(c, instance)) {
                        return;
                    }
                }
                stop(c, ctx.clock().instant().plusSeconds(gracePeriod(null)), false,
                        "FailedPostStartHook");
            }
        });
    }

    private void startProbes(ContainerRuntime c, int instance) {
        JsonNode startup = c.spec.path("startupProbe");
        if (!startup.isMissingNode()) {
            ProbeWorker w = worker(c, instance, "Startup", startup);
            c.probes.add(w);
            w.start();
        } else {
            startLivenessAndReadiness(c, instance);
        }
    }

    private void startLivenessAndReadiness(ContainerRuntime c, int instance) {
        for (String kind : List.of("Liveness", "Readiness")) {
            JsonNode probe = c.spec.path(kind.toLowerCase() + "Probe");
            if (!probe.isMissingNode()) {
                ProbeWorker w = worker(c, instance, kind, probe);
                c.probes.add(w);
                w.start();
            }
        }
    }

    private ProbeWorker worker(ContainerRuntime c, int instance, String kind, JsonNode probe) {
        return new ProbeWorker(kind, probe, target(c), ctx.prober(), new ProbeWorker.Listener() {
            @Override
            public void changed(boolean healthy, String message) {
                // off the worker's lock: the pod's lock may be held by someone stopping this worker
                Thread.ofVirtual().start(() -> probeChanged(c, instance, kind, probe, healthy));
            }

            @Override
            public void failed(String note) {
                Thread.ofVirtual().start(() -> ctx.events().record(pod.pod(), "Warning", "Unhealthy", note));
            }

            @Override
            public void warned(String note) {
                Thread.ofVirtual().start(() -> ctx.events().record(pod.pod(), "Warning", "ProbeWarning", note));
            }
        }, ctx.probeTimer());
    }

    private void probeChanged(ContainerRuntime c, int instance, String kind, JsonNode probe, boolean healthy) {
        synchronized (pod) {
            if (!current(c, instance)) {
                return; // ended, or being stopped: its probes no longer count
            }
            switch (kind) {
                case "Readiness" -> c.ready = healthy;
                case "Startup" -> {
                    if (healthy) {
                        c.started = true;
                        c.ready = !c.spec.has("readinessProbe");
                        c.stopProbes();
                        startLivenessAndReadiness(c, instance);
                    }
                }
                default -> { }
            }
        }
        if (!healthy && !kind.equals("Readiness")) {
            ctx.events().record(pod.pod(), "Normal", "Killing", "Container " + c.name + " failed "
                    + kind.toLowerCase() + " probe, will be restarted");
            Long probeGrace = probe.hasNonNull("terminationGracePeriodSeconds")
                    ? probe.path("terminationGracePeriodSeconds").asLong() : null;
            Thread.ofVirtual().start(() -> stop(c, ctx.clock().instant().plusSeconds(gracePeriod(probeGrace)), false,
                    kind + " probe failed"));
        }
        pod.changed();
    }

    private long gracePeriod(Long override) {
        return override != null ? override : pod.pod().path("spec").path("terminationGracePeriodSeconds").asLong(30);
    }

    /** The probes' and hooks' view of the container: its pod address and a way to run commands in it. */
    ProbeTarget target(ContainerRuntime c) {
        return new ProbeTarget(pod.podIp(), c.spec, (command, timeout) -> {
            Launch launch;
            Process process;
            ContainerCgroup cgroup;
            synchronized (pod) {
                launch = c.launch;
                process = c.running() ? c.process : null;
                cgroup = c.cgroup;
            }
            return ExecInContainer.run(launch, process, cgroup, command, timeout);
        });
    }

    /**
     * Stops one container: the preStop hook (when asked), SIGTERM, and SIGKILL to it and everything it started
     * once {@code deadline} passes. Blocks until the process is gone.
     */
    void stop(ContainerRuntime c, Instant deadline, boolean runPreStop, String why) {
        Process process;
        int instance;
        synchronized (pod) {
            if (!c.running()) {
                return;
            }
            process = c.process;
            instance = c.instance;
            c.killReason = why != null ? why : "Killing";
            c.stopProbes();
        }
        try {
            kill(c, process, deadline, runPreStop, why);
        } finally {
            // the exit callback may come later: record the end now, so a caller that writes the status sees it
            exited(c, instance);
        }
    }

    private void kill(ContainerRuntime c, Process process, Instant deadline, boolean runPreStop, String why) {
        if (runPreStop) {
            ctx.events().record(pod.pod(), "Normal", "Killing", why);
        }
        JsonNode preStop = c.spec.path("lifecycle").path("preStop");
        if (runPreStop && !preStop.isMissingNode()) {
            try {
                LifecycleHandler.run(preStop, target(c), remaining(deadline));
            } catch (HookFailedException e) {
                ctx.events().record(pod.pod(), "Warning", "FailedPreStopHook", e.getMessage());
            }
        }
        List<ProcessHandle> tree = ProcessTree.of(process.toHandle());
        process.destroy();
        try {
            long wait = remaining(deadline).toMillis();
            if (wait > 0 && process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(tree);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessTree.kill(tree);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            log.warn("container {} of {} did not die after SIGKILL", c.name, pod.key());
        }
    }

    private Duration remaining(Instant deadline) {
        Duration d = Duration.between(ctx.clock().instant(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
