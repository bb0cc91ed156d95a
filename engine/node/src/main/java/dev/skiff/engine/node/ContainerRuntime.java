package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.node.cgroups.ContainerCgroup;
import dev.skiff.engine.node.logs.LogWriter;
import dev.skiff.engine.node.probes.ProbeWorker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent knows of one container of a pod: its current process, its state as the kubelet reports it
 * (waiting, running or terminated), the last termination, restarts, probe results and back-off. Guarded by the
 * owning {@link PodRuntime}'s lock.
 */
final class ContainerRuntime {
    /** How a container instance ended, as {@code state.terminated} / {@code lastState.terminated} show it. */
    record Termination(int exitCode, String signal, String reason, String message, Instant startedAt,
                       Instant finishedAt, String containerId) {
    }

    final String name;
    final JsonNode spec;
    final boolean init;

    Process process;
    Instant startedAt;
    String containerId;
    String imageId = "";
    int restartCount;
    /** Bumped for each instance started; callbacks of an older instance are ignored. */
    int instance;
    Termination terminated;
    Termination lastTerminated;
    /** Why the container waits; with {@link #terminated} set, it waits to be started again. */
    String waitingReason;
    String waitingMessage;
    boolean ready;
    /** The startup probe passed (or there is none) since this instance started. */
    boolean started;
    /** Killed by the agent (liveness failure, deletion): the exit is expected. */
    String killReason;
    Instant backoffUntil;
    long oomKillsAtStart;
    ContainerCgroup cgroup;
    LogWriter log;
    /** How the current instance was started, for commands run inside it (exec probes and hooks). */
    ContainerLauncher.Launch launch;
    final List<ProbeWorker> probes = new ArrayList<>();

    /**
     * @param podHasInitContainers its containers first wait with {@code PodInitializing}, as the kubelet reports
     *                             them, else with {@code ContainerCreating}
     */
    ContainerRuntime(String name, JsonNode spec, boolean init, boolean podHasInitContainers) {
        this.name = name;
        this.spec = spec;
        this.init = init;
        this.waitingReason = podHasInitContainers ? "PodInitializing" : "ContainerCreating";
    }

    boolean running() {
        return process != null && terminated == null;
    }

    boolean everStarted() {
        return process != null || terminated != null || lastTerminated != null;
    }

    boolean succeeded() {
        return terminated != null && terminated.exitCode() == 0;
    }

    void stopProbes() {
        probes.forEach(ProbeWorker::stop);
        probes.clear();
    }
}
