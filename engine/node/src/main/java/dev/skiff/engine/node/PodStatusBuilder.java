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

/**
 * Writes a pod's status the way the kubelet does: phase from the containers' states, the
 * PodReadyToStartContainers, Initialized, Ready and ContainersReady conditions (keeping the scheduler's
 * PodScheduled), addresses, start time and one status per container.
 */
final class PodStatusBuilder {
    private PodStatusBuilder() {
    }

    /** What the builder reads of a pod's runtime, taken under the pod's lock. */
    record Snapshot(String podIp, Instant startTime, boolean sandboxReady, boolean terminating, boolean failedInit,
                    List<ContainerRuntime> initContainers, List<ContainerRuntime> containers, String message) {
    }

    static ObjectNode build(ObjectNode pod, Snapshot s, Instant now) {
        JsonNode old = pod.path("status");
        ObjectNode status = Json.object();
        String restartPolicy = pod.path("spec").path("restartPolicy").asText("Always");
        boolean initialized = s.initContainers().stream().allMatch(ContainerRuntime::succeeded);
        String phase = phase(s, restartPolicy, initialized);
        status.put("phase", phase);
        if (s.message() != null) {
            status.put("message", s.message());
        }
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
        condition(conditions, old, "Initialized", initialized || phase.equals("Succeeded"),
                "ContainersNotInitialized", "containers with incomplete status: " + list(incomplete), nowText);
        boolean completed = phase.equals("Succeeded") || phase.equals("Failed");
        String notReadyReason = completed ? "PodCompleted" : "ContainersNotReady";
        condition(conditions, old, "Ready", unready.isEmpty() && !completed, notReadyReason,
                completed ? null : "containers with unready status: " + list(unready), nowText);
        condition(conditions, old, "ContainersReady", unready.isEmpty() && !completed, notReadyReason,
                completed ? null : "containers with unready status: " + list(unready), nowText);
        for (JsonNode c : old.path("conditions")) {
            if ("PodScheduled".equals(c.path("type").asText())) {
                conditions.add(c.deepCopy());
            }
        }
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
            s.initContainers().forEach(c -> init.add(containerStatus(c, pod, s.terminating())));
        }
        ArrayNode containers = status.putArray("containerStatuses");
        s.containers().forEach(c -> containers.add(containerStatus(c, pod, s.terminating())));
        if (old.has("qosClass")) {
            status.set("qosClass", old.get("qosClass"));
        }
        return status;
    }

    /** Kubernetes' getPhase: waiting containers keep the pod Pending; terminal only when nothing restarts. */
    static String phase(Snapshot s, String restartPolicy, boolean initialized) {
        if (s.failedInit()) {
            return "Failed";
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

    private static ObjectNode containerStatus(ContainerRuntime c, ObjectNode pod, boolean terminating) {
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
        cs.put("ready", c.ready && !terminating && c.running());
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
        if (!ok && reason != null) {
            c.put("reason", reason);
            if (message != null) {
                c.put("message", message);
            }
        }
    }

    private static String list(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
