package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.node.ContainerRuntime.Termination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a pod's status the way the kubelet does: phase from the containers' states, the
 * PodReadyToStartContainers, Initialized, Ready and ContainersReady conditions (keeping the conditions others own,
 * such as the scheduler's PodScheduled), addresses, start time and one status per container.
 */
final class PodStatusBuilder {
    /** The conditions the kubelet owns; every other condition of the pod belongs to someone else and is kept. */
    static final Set<String> KUBELET_CONDITIONS = Set.of("PodReadyToStartContainers", "Initialized", "Ready",
            "ContainersReady");
    /** Status fields others write (the API server, the scheduler), kept as they are stored. */
    private static final List<String> OTHERS_FIELDS = List.of("qosClass", "nominatedNodeName");

    private PodStatusBuilder() {
    }

    /** What the builder reads of a pod's runtime, taken under the pod's lock. */
    record Snapshot(String podIp, Instant startTime, boolean sandboxReady, boolean terminating,
                    List<ContainerRuntime> initContainers, List<ContainerRuntime> containers) {
    }

    static ObjectNode build(ObjectNode pod, Snapshot s, Instant now) {
        JsonNode old = pod.path("status");
        ObjectNode status = Json.object();
        String restartPolicy = pod.path("spec").path("restartPolicy").asText("Always");
        boolean initialized = s.initContainers().stream().allMatch(ContainerRuntime::succeeded);
        String storedPhase = old.path("phase").asText("");
        // the kubelet never moves a pod out of a terminal phase
        String phase = isTerminal(storedPhase) ? storedPhase : phase(s, restartPolicy, initialized);
        status.put("phase", phase);
        List<String> unready = new ArrayList<>();
        for (ContainerRuntime c : s.containers()) {
            if (!c.ready || s.terminating()) {
                unready.add(c.name);
            }
        }
        List<String> incomplete = s.initContainers().stream().filter(c -> !c.succeeded()).map(c -> c.name).toList();
        ArrayNode conditions = status.putArray("conditions");
        String nowText = Timestamps.format(now);
        condition(conditions, old, "PodReadyToStartContainers", s.sandboxReady(), null, null, nowText);
        if (phase.equals("Succeeded")) {
            condition(conditions, old, "Initialized", true, "PodCompleted", null, nowText);
        } else if (initialized) {
            condition(conditions, old, "Initialized", true, null, null, nowText);
        } else {
            condition(conditions, old, "Initialized", false, "ContainersNotInitialized",
                    "containers with incomplete status: " + list(incomplete), nowText);
        }
        // a terminal pod is never ready, whatever its containers said last (kubelet: PodCompleted / PodFailed)
        String reason = switch (phase) {
            case "Succeeded" -> "PodCompleted";
            case "Failed" -> "PodFailed";
            default -> unready.isEmpty() ? null : "ContainersNotReady";
        };
        String message = reason != null && reason.equals("ContainersNotReady")
                ? "containers with unready status: " + list(unready) : null;
        condition(conditions, old, "Ready", reason == null, reason, message, nowText);
        condition(conditions, old, "ContainersReady", reason == null, reason, message, nowText);
        status.put("hostIP", NodeFacts.HOST_IP);
        status.putArray("hostIPs").addObject().put("ip", NodeFacts.HOST_IP);
        if (s.podIp() != null) {
            status.put("podIP", s.podIp());
            status.putArray("podIPs").addObject().put("ip", s.podIp());
        }
        if (s.startTime() != null) {
            status.put("startTime", Timestamps.format(s.startTime()));
        }
        if (!s.initContainers().isEmpty()) {
            ArrayNode init = status.putArray("initContainerStatuses");
            s.initContainers().forEach(c -> init.add(containerStatus(c, s.terminating())));
        }
        ArrayNode containers = status.putArray("containerStatuses");
        s.containers().forEach(c -> containers.add(containerStatus(c, s.terminating())));
        return withOthersParts(status, old);
    }

    /**
     * The kubelet's status with what others own taken from {@code stored}: their conditions (after the kubelet's),
     * the QoS class and the nominated node; and a pod that reached Succeeded or Failed stays there, as the kubelet
     * refuses to move a pod out of a terminal phase.
     */
    static ObjectNode withOthersParts(ObjectNode kubelets, JsonNode stored) {
        ObjectNode merged = kubelets.deepCopy();
        ArrayNode conditions = merged.putArray("conditions");
        for (JsonNode c : kubelets.path("conditions")) {
            if (KUBELET_CONDITIONS.contains(c.path("type").asText())) {
                conditions.add(c.deepCopy());
            }
        }
        for (JsonNode c : stored.path("conditions")) {
            if (!KUBELET_CONDITIONS.contains(c.path("type").asText())) {
                conditions.add(c.deepCopy());
            }
        }
        for (String field : OTHERS_FIELDS) {
            merged.remove(field);
            if (stored.hasNonNull(field)) {
                merged.set(field, stored.get(field).deepCopy());
            }
        }
        String storedPhase = stored.path("phase").asText("");
        if (isTerminal(storedPhase)) {
            merged.put("phase", storedPhase);
        }
        return merged;
    }

    static boolean isTerminal(String phase) {
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /** Kubernetes' getPhase: waiting containers keep the pod Pending; terminal only when nothing restarts. */
    static String phase(Snapshot s, String restartPolicy, boolean initialized) {
        if (restartPolicy.equals("Never")
                && s.initContainers().stream().anyMatch(c -> c.terminated != null && c.terminated.exitCode() != 0)) {
            return "Failed"; // an init container failed and is never run again
        }
        if (s.terminating() && s.initContainers().stream().noneMatch(ContainerRuntime::running)
                && s.containers().stream().noneMatch(ContainerRuntime::running)) {
            // a deleted pod whose containers have stopped ends in a terminal phase, whatever its restartPolicy
            return s.containers().stream().allMatch(ContainerRuntime::succeeded) ? "Succeeded" : "Failed";
        }
        if (!initialized) {
            return "Pending";
        }
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerRuntime c : s.containers()) {
            if (c.running()) {
                running++;
            } else if (c.terminated != null) {
                stopped++;
                if (c.terminated.exitCode() == 0) {
                    succeeded++;
                }
            } else if (c.lastTerminated != null) {
                stopped++;
            } else {
                waiting++;
            }
        }
        int total = s.containers().size();
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if (stopped == total) {
            return switch (restartPolicy) {
                case "Always" -> "Running";
                case "OnFailure" -> succeeded == total ? "Succeeded" : "Running";
                default -> succeeded == total ? "Succeeded" : "Failed";
            };
        }
        return "Pending";
    }

    private static ObjectNode containerStatus(ContainerRuntime c, boolean terminating) {
        ObjectNode cs = Json.object();
        cs.put("name", c.name);
        ObjectNode state = cs.putObject("state");
        if (c.running()) {
            state.putObject("running").put("startedAt", Timestamps.format(c.startedAt));
        } else if (c.terminated != null && c.waitingReason == null) {
            state.set("terminated", terminated(c.terminated));
        } else {
            ObjectNode w = state.putObject("waiting");
            w.put("reason", c.waitingReason == null ? "ContainerCreating" : c.waitingReason);
            if (c.waitingMessage != null) {
                w.put("message", c.waitingMessage);
            }
        }
        ObjectNode last = cs.putObject("lastState");
        Termination previous = c.terminated != null && c.waitingReason != null ? c.terminated : c.lastTerminated;
        if (previous != null) {
            last.set("terminated", terminated(previous));
        }
        // an init container is ready once it completed (the kubelet's prober manager says so)
        cs.put("ready", c.init ? c.succeeded() : c.ready && !terminating && c.running());
        cs.put("restartCount", c.restartCount);
        cs.put("image", c.spec.path("image").asText());
        cs.put("imageID", c.imageId);
        if (c.containerId != null) {
            cs.put("containerID", c.containerId);
        }
        cs.put("started", c.running() && c.started);
        return cs;
    }

    private static ObjectNode terminated(Termination t) {
        ObjectNode o = Json.object();
        o.put("exitCode", t.exitCode());
        if (t.signal() != null) {
            o.put("signal", Integer.parseInt(t.signal()));
        }
        o.put("reason", t.reason());
        if (t.message() != null) {
            o.put("message", t.message());
        }
        if (t.startedAt() != null) {
            o.put("startedAt", Timestamps.format(t.startedAt()));
        }
        o.put("finishedAt", Timestamps.format(t.finishedAt()));
        if (t.containerId() != null) {
            o.put("containerID", t.containerId());
        }
        return o;
    }

    private static void condition(ArrayNode conditions, JsonNode oldStatus, String type, boolean ok, String reason,
                                  String message, String now) {
        ObjectNode c = conditions.addObject();
        c.put("type", type);
        c.put("status", ok ? "True" : "False");
        c.putNull("lastProbeTime");
        String since = now;
        for (JsonNode o : oldStatus.path("conditions")) {
            if (type.equals(o.path("type").asText()) && c.path("status").asText().equals(o.path("status").asText())
                    && o.hasNonNull("lastTransitionTime")) {
                since = o.path("lastTransitionTime").asText();
            }
        }
        c.put("lastTransitionTime", since);
        if (reason != null) {
            c.put("reason", reason);
        }
        if (message != null) {
            c.put("message", message);
        }
    }

    private static String list(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
