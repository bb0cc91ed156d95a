package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.node.ContainerRuntime.Termination;
import dev.skiff.engine.node.cgroups.Limits;
import dev.skiff.engine.node.cgroups.PodCgroup;
import dev.skiff.engine.node.env.ContainerConfigException;
import dev.skiff.engine.node.logs.ContainerLogs;
import dev.skiff.engine.node.volumes.Mount;
import dev.skiff.engine.node.volumes.MountNamespace;
import dev.skiff.engine.node.volumes.MountVolumeException;
import dev.skiff.engine.node.volumes.PodVolumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod on this node, run as the kubelet runs it: set up its address, directories, cgroup and volumes; run
 * the init containers in order, then the containers, restarting them by the pod's restartPolicy with back-off;
 * report every change in the pod's status; and on deletion stop it gracefully and remove it.
 * {@link #sync} is level-triggered: it compares what should run with what runs and acts on the difference.
 */
final class PodRuntime {
    private static final Logger log = LoggerFactory.getLogger(PodRuntime.class);

    final String uid;
    final String namespace;
    final String name;
    private final AgentContext ctx;
    private final Path podDir;
    private final ContainerSupervisor supervisor;
    private ObjectNode pod;
    private String podIp;
    private Instant startTime;
    private PodVolumes volumes;
    private PodCgroup cgroup;
    private ContainerLogs logs;
    private final List<ContainerRuntime> inits = new ArrayList<>();
    private final List<ContainerRuntime> containers = new ArrayList<>();
    private boolean setUp;
    private boolean terminating;
    private boolean removed;
    /** The status last written, serialized: smaller to keep than the tree. */
    private byte[] lastStatus;

    PodRuntime(ObjectNode pod, AgentContext ctx) {
        Json.metadata(pod).remove("managedFields");
        this.pod = pod;
        this.uid = Json.text(pod, "metadata.uid");
        this.namespace = Json.text(pod, "metadata.namespace");
        this.name = Json.text(pod, "metadata.name");
        this.ctx = ctx;
        this.podDir = ctx.podsDir().resolve(uid);
        this.supervisor = new ContainerSupervisor(this, ctx);
        // copies, so the first version of the pod is not kept alive after the next sync replaces it
        boolean hasInits = !pod.path("spec").path("initContainers").isEmpty();
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            inits.add(new ContainerRuntime(c.path("name").asText(), c.deepCopy(), true, hasInits));
        }
        for (JsonNode c : pod.path("spec").path("containers")) {
            containers.add(new ContainerRuntime(c.path("name").asText(), c.deepCopy(), false, hasInits));
        }
    }

    String key() {
        return namespace + "/" + name;
    }

    synchronized ObjectNode pod() {
        return pod;
    }

    synchronized String podIp() {
        return podIp;
    }

    Path podDir() {
        return podDir;
    }

    synchronized PodVolumes volumes() {
        return volumes;
    }

    synchronized ContainerLogs logs() {
        return logs;
    }

    synchronized Optional<ContainerRuntime> container(String containerName) {
        return allContainers().stream().filter(c -> c.name.equals(containerName)).findFirst();
    }

    synchronized List<ContainerRuntime> allContainers() {
        List<ContainerRuntime> all = new ArrayList<>(inits);
        all.addAll(containers);
        return all;
    }

    /** Brings what runs in line with the stored pod. */
    synchronized void sync(ObjectNode latest) {
        if (removed) {
            return;
        }
        Json.metadata(latest).remove("managedFields"); // never read here, and the largest part of a pod
        pod = latest;
        if (terminating) {
            return;
        }
        if (pod.path("metadata").has("deletionTimestamp")) {
            terminating = true;
            Thread.ofVirtual().name("terminate-" + name).start(this::terminate);
            return;
        }
        if (!setUp && !setUp()) {
            writeStatus();
            return;
        }
        runContainers();
        writeStatus();
    }

    /** The ConfigMaps and Secrets the pod uses changed: rewrite its volumes' files. */
    synchronized void refreshVolumes() {
        if (!setUp || terminating || removed) {
            return;
        }
        try {
            volumes.refresh(podWithAddress());
        } catch (ContainerConfigException e) {
            log.debug("refreshing the volumes of {} failed: {}", key(), e.getMessage());
        }
    }

    private boolean setUp() {
        JsonNode oldStatus = pod.path("status");
        if (podIp == null) {
            String previous = oldStatus.path("podIP").asText(null);
            podIp = previous != null && ctx.addresses().claim(previous) ? previous : ctx.addresses().allocate();
        }
        if (startTime == null) {
            startTime = Optional.ofNullable(oldStatus.path("startTime").asText(null)).map(Instant::parse)
                    .orElse(ctx.clock().instant());
            restoreCounts(oldStatus);
        }
        try {
            Files.createDirectories(podDir);
            if (logs == null) {
                logs = new ContainerLogs(ctx.logsDir().resolve(namespace + "_" + name + "_" + uid));
            }
            if (cgroup == null && ctx.cgroups().available()) {
                cgroup = ctx.cgroups().pod(uid, Limits.ofPod(pod.path("spec")));
            }
            if (volumes == null) {
                volumes = new PodVolumes(podDir, ctx.lookup());
            }
            volumes.setUp(podWithAddress());
        } catch (ContainerConfigException e) {
            String text = e instanceof MountVolumeException m ? m.eventMessage() : e.getMessage();
            ctx.events().record(pod, "Warning", "FailedMount", text);
            ctx.resync().after(key(), Duration.ofSeconds(2));
            return false;
        } catch (IOException | RuntimeException e) {
            log.warn("setting up pod {} failed", key(), e);
            ctx.events().record(pod, "Warning", "FailedCreatePodSandBox", "Failed to set up the pod: " + e.getMessage());
            ctx.resync().after(key(), Duration.ofSeconds(2));
            return false;
        }
        setUp = true;
        tellWhatIsNotEnforced();
        return true;
    }

    /**
     * Says on the pod (as events) what this machine cannot give it: limits without writable cgroups, volumes
     * at their mountPath without mount namespaces (it says where they are instead), volume types not served.
     */
    private void tellWhatIsNotEnforced() {
        boolean asksForResources = allContainers().stream().anyMatch(c -> c.spec.path("resources").has("limits")
                || c.spec.path("resources").has("requests"));
        if (asksForResources && !ctx.cgroups().available()) {
            ctx.events().record(pod, "Warning", "ResourceLimitsNotEnforced", ctx.cgroups().unavailableReason());
        }
        if (!MountNamespace.supported()) {
            for (ContainerRuntime c : allContainers()) {
                List<Mount> mounts = volumes.mountsFor(c.spec);
                if (!mounts.isEmpty()) {
                    ctx.events().record(pod, "Normal", "VolumesOnHost", "container " + c.name + " cannot see its "
                            + "volumes at their mountPath on this machine (no private mount namespace); they are at: "
                            + MountNamespace.describe(mounts).replace("\n", "; "));
                }
            }
        }
        for (String note : volumes.notes()) {
            ctx.events().record(pod, "Warning", "VolumeNotSupported", note);
        }
    }

    /**
     * After an engine restart the containers were stopped (never duplicated): their restart counts carry on, a
     * container that ended stays ended unless its restart policy runs it again, a container that was running
     * counts one restart more, and one that waited to be restarted is restarted.
     */
    private void restoreCounts(JsonNode oldStatus) {
        for (String list : List.of("initContainerStatuses", "containerStatuses")) {
            for (JsonNode cs : oldStatus.path(list)) {
                for (ContainerRuntime c : allContainers()) {
                    if (!c.name.equals(cs.path("name").asText())) {
                        continue;
                    }
                    c.restartCount = cs.path("restartCount").asInt(0);
                    JsonNode running = cs.path("state").path("running");
                    JsonNode done = cs.path("state").path("terminated");
                    JsonNode last = cs.path("lastState").path("terminated");
                    if (!done.isMissingNode()) {
                        c.terminated = termination(done);
                        c.lastTerminated = last.isMissingNode() ? null : termination(last);
                        c.waitingReason = null;
                    } else if (!running.isMissingNode()) {
                        c.terminated = new Termination(137, null, "Error",
                                "the engine restarted: the container was stopped and is started again",
                                Instant.parse(running.path("startedAt").asText()), ctx.clock().instant(), null);
                        c.lastTerminated = last.isMissingNode() ? null : termination(last);
                        c.waitingReason = null;
                    } else if (!last.isMissingNode()) {
                        c.terminated = termination(last); // waiting to be started again: still to be restarted
                    }
                }
            }
        }
    }

    private static Termination termination(JsonNode t) {
        String defaultReason = t.path("exitCode").asInt() == 0 ? "Completed" : "Error";
        return new Termination(t.path("exitCode").asInt(), null, t.path("reason").asText(defaultReason),
                t.path("message").asText(null),
                t.hasNonNull("startedAt") ? Instant.parse(t.path("startedAt").asText()) : null,
                t.hasNonNull("finishedAt") ? Instant.parse(t.path("finishedAt").asText()) : Instant.EPOCH,
                t.path("containerID").asText(null));
    }

    /** The pod as its containers see it: with the address it was given. */
    ObjectNode podWithAddress() {
        ObjectNode copy = pod.deepCopy();
        ObjectNode status = Json.child(copy, "status");
        status.put("podIP", podIp);
        status.putArray("podIPs").addObject().put("ip", podIp);
        status.put("hostIP", NodeFacts.HOST_IP);
        status.putArray("hostIPs").addObject().put("ip", NodeFacts.HOST_IP);
        return copy;
    }

    private void runContainers() {
        String restartPolicy = pod.path("spec").path("restartPolicy").asText("Always");
        for (ContainerRuntime init : inits) {
            if (init.succeeded()) {
                continue;
            }
            if (init.running()) {
                return;
            }
            if (init.terminated != null && restartPolicy.equals("Never")) {
                return; // the init container failed for good: the pod has Failed
            }
            supervisor.startOrWait(init);
            return;
        }
        for (ContainerRuntime c : containers) {
            if (c.running()) {
                continue;
            }
            if (c.terminated != null) {
                boolean restart = restartPolicy.equals("Always")
                        || (restartPolicy.equals("OnFailure") && c.terminated.exitCode() != 0);
                if (!restart) {
                    continue;
                }
            }
            supervisor.startOrWait(c);
        }
    }

    /** Called by the supervisor when something about a container changed. */
    void changed() {
        ctx.resync().after(key(), Duration.ZERO);
    }

    synchronized void writeStatus() {
        if (removed) {
            return;
        }
        PodStatusBuilder.Snapshot snapshot = new PodStatusBuilder.Snapshot(podIp, startTime, setUp, terminating,
                inits, containers);
        ObjectNode status = PodStatusBuilder.build(pod, snapshot, ctx.clock().instant());
        byte[] serialized = Json.bytes(status);
        if (java.util.Arrays.equals(lastStatus, serialized)) {
            return;
        }
        try {
            ctx.registry().guaranteedUpdate(ctx.pods(), namespace, name, ctx.self(), Subresource.STATUS, current -> {
                Json.metadata(current).put("uid", uid);
                current.set("status", PodStatusBuilder.withOthersParts(status, current.path("status")));
                return current;
            });
            lastStatus = serialized;
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                log.debug("writing the status of {} failed: {}", key(), e.getMessage());
                ctx.resync().after(key(), Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Graceful deletion: not ready first (so the pod leaves Service endpoints), then preStop hooks, SIGTERM, and
     * SIGKILL when the grace period ends; then the final status, and the pod is removed from the store.
     */
    private void terminate() {
        long grace;
        List<ContainerRuntime> running;
        boolean report;
        synchronized (this) {
            allContainers().forEach(c -> {
                c.stopProbes();
                c.ready = false;
            });
            // a pod that ended before this runtime existed (say, before an engine restart) keeps the status it
            // ended with: this runtime knows nothing of its containers
            report = setUp || !PodStatusBuilder.isTerminal(pod.path("status").path("phase").asText(""));
            if (report) {
                writeStatus();
            }
            grace = pod.path("metadata").path("deletionGracePeriodSeconds").asLong(
                    pod.path("spec").path("terminationGracePeriodSeconds").asLong(30));
            running = allContainers().stream().filter(ContainerRuntime::running).toList();
        }
        if (podIp != null && !running.isEmpty()) {
            try {
                ctx.stopGate().get().outOfRotation(podIp); // no new request may reach a stopping process
            } catch (RuntimeException e) {
                log.warn("taking {} out of rotation failed: {}", key(), e.getMessage());
            }
        }
        Instant deadline = ctx.clock().instant().plusSeconds(grace);
        List<Thread> stops = new ArrayList<>();
        for (ContainerRuntime c : running) {
            stops.add(Thread.ofVirtual().start(() -> supervisor.stop(c, deadline, true, "Stopping container " + c.name)));
        }
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (report) {
            synchronized (this) {
                writeStatus();
            }
        }
        try {
            ctx.registry().delete(ctx.pods(), namespace, name, new DeleteOptions(uid, null, null, 0L), ctx.self());
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                log.warn("removing the deleted pod {} failed: {}", key(), e.getMessage());
            }
        }
        remove();
    }

    /** The pod is gone from the store (or the engine stops): kill what is left at once and clean up. */
    void killNow(boolean cleanUp) {
        List<ContainerRuntime> all;
        synchronized (this) {
            terminating = true;
            all = allContainers();
            all.forEach(ContainerRuntime::stopProbes);
        }
        Instant deadline = ctx.clock().instant().plusSeconds(cleanUp ? 0 : 2);
        List<Thread> stops = new ArrayList<>();
        for (ContainerRuntime c : all) {
            stops.add(Thread.ofVirtual().start(() -> supervisor.stop(c, deadline, false, null)));
        }
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cleanUp) {
            remove();
        } else {
            synchronized (this) {
                removed = true;
            }
        }
    }

    private void remove() {
        synchronized (this) {
            if (removed) {
                return;
            }
            removed = true;
        }
        try {
            if (volumes != null) {
                volumes.tearDown();
            }
            if (cgroup != null) {
                cgroup.remove();
            }
            if (logs != null) {
                logs.delete();
            }
            PodStateFile.delete(podDir);
            deleteTree(podDir);
        } catch (IOException | RuntimeException e) {
            log.warn("cleaning up pod {} left files behind: {}", key(), e.getMessage());
        }
        if (podIp != null) {
            ctx.addresses().release(podIp);
        }
        ctx.backoff().forget(uid + "/");
    }

    /** Whether the pod is being stopped (deleted, or the agent stops): nothing starts any more. */
    synchronized boolean terminating() {
        return terminating;
    }

    synchronized PodCgroup cgroup() {
        return cgroup;
    }

    synchronized boolean removed() {
        return removed;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
