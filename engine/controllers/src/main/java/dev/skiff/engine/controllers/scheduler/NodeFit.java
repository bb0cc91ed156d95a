package dev.skiff.engine.controllers.scheduler;

import dev.skiff.engine.controllers.Conditions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.PodRequests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduler's filters: which nodes can take a pod, and when none can, the reasons counted in the words
 * of kube-scheduler's {@code FailedScheduling} message.
 */
final class NodeFit {
    private NodeFit() {
    }

    /** The chosen node, or none and the message saying why. */
    record Verdict(Optional<String> node, String message) {
    }

    static Verdict choose(ObjectNode pod, List<ObjectNode> nodes, List<ObjectNode> assigned) {
        if (nodes.isEmpty()) {
            return new Verdict(Optional.empty(), "no nodes available to schedule pods");
        }
        Map<String, Integer> reasons = new HashMap<>();
        Map<String, Integer> preemption = new HashMap<>();
        String best = null;
        long bestFreeCpu = Long.MIN_VALUE;
        for (ObjectNode node : nodes) {
            List<String> why = new ArrayList<>();
            boolean resourceOnly = reasonsAgainst(pod, node, assigned, why);
            if (why.isEmpty()) {
                long freeCpu = allocatableCpu(node) - Scheduler.requestedOn(name(node), assigned).cpuMillis();
                if (freeCpu > bestFreeCpu) {
                    best = name(node);
                    bestFreeCpu = freeCpu;
                }
                continue;
            }
            why.forEach(r -> reasons.merge(r, 1, Integer::sum));
            // there are no pod priorities, so preemption finds no victims where room is all that is missing
            preemption.merge(resourceOnly ? "No preemption victims found for incoming pod"
                    : "Preemption is not helpful for scheduling", 1, Integer::sum);
        }
        if (best != null) {
            return new Verdict(Optional.of(best), "");
        }
        String total = "0/" + nodes.size() + " nodes are available: ";
        return new Verdict(Optional.empty(),
                total + histogram(reasons) + ". preemption: " + total + histogram(preemption) + ".");
    }

    /** "count reason" for each reason, sorted as text (so "1 b" comes before "2 a"), as kube-scheduler lists them. */
    private static String histogram(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, count) -> parts.add(count + " " + reason));
        Collections.sort(parts);
        return String.join(", ", parts);
    }

    /** Adds the reasons the node cannot take the pod; true when they are all about room (preemption could help). */
    private static boolean reasonsAgainst(ObjectNode pod, ObjectNode node, List<ObjectNode> assigned,
                                          List<String> why) {
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            why.add("node(s) were unschedulable");
            return false;
        }
        if (!Conditions.isTrue(node, "Ready")) {
            why.add("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
            return false;
        }
        JsonNode selector = pod.path("spec").path("nodeSelector");
        JsonNode labels = node.path("metadata").path("labels");
        for (var e : selector.properties()) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                why.add("node(s) didn't match Pod's node affinity/selector");
                return false;
            }
        }
        String nodeName = name(node);
        PodRequests wanted = PodRequests.of(pod.path("spec"));
        PodRequests used = Scheduler.requestedOn(nodeName, assigned);
        long podCount = assigned.stream().filter(p -> nodeName.equals(p.path("spec").path("nodeName").asText()))
                .count();
        JsonNode allocatable = node.path("status").path("allocatable");
        if (podCount + 1 > PodRequests.bytes(allocatable.path("pods"))) {
            why.add("Too many pods");
        }
        if (wanted.cpuMillis() > 0 && used.cpuMillis() + wanted.cpuMillis() > allocatableCpu(node)) {
            why.add("Insufficient cpu");
        }
        if (wanted.memoryBytes() > 0
                && used.memoryBytes() + wanted.memoryBytes() > PodRequests.bytes(allocatable.path("memory"))) {
            why.add("Insufficient memory");
        }
        return true;
    }

    private static long allocatableCpu(JsonNode node) {
        return PodRequests.cpuMillis(node.path("status").path("allocatable").path("cpu"));
    }


    private static String name(JsonNode node) {
        return node.path("metadata").path("name").asText();
    }
}
