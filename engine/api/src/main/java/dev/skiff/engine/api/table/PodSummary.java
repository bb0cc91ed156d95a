package dev.skiff.engine.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pod's READY, STATUS and RESTARTS cells say, worked out from its status the way kube-apiserver's pod
 * printer does it. STATUS starts from the phase (or the pod's reason), then an init container that has not
 * finished names it ({@code Init:1/2}, {@code Init:CrashLoopBackOff}), else the first container that is waiting
 * or terminated ({@code CrashLoopBackOff}, {@code Completed}); a pod being deleted reads {@code Terminating}.
 */
record PodSummary(int ready, int total, String reason, long restarts, Instant lastRestart) {

    private static final String NODE_LOST = "NodeLost";

    static PodSummary of(JsonNode pod) {
        return new Scan(pod).summary();
    }

    /** One pass over the pod's status; mutable only while it runs. */
    private static final class Scan {
        private final JsonNode pod;
        private final JsonNode status;
        private final String phase;
        private final List<JsonNode> initContainers;
        private final Set<String> sidecars = new HashSet<>();
        private String reason;
        private int ready;
        private long restarts;
        private long sidecarRestarts;
        private Instant lastRestart;
        private Instant lastSidecarRestart;

        Scan(JsonNode pod) {
            this.pod = pod;
            this.status = pod.path("status");
            this.phase = Json.text(status, "phase");
            this.reason = Json.text(status, "reason").isEmpty() ? phase : Json.text(status, "reason");
            this.initContainers = Json.items(pod, "spec", "initContainers");
            // Sidecars (init containers that always restart) count among the pod's containers.
            for (JsonNode container : initContainers) {
                if (Json.text(container, "restartPolicy").equals("Always")) {
                    sidecars.add(Json.text(container, "name"));
                }
            }
        }

        PodSummary summary() {
            for (JsonNode condition : Json.items(status, "conditions")) {
                if (Json.text(condition, "type").equals("PodScheduled")
                        && Json.text(condition, "reason").equals("SchedulingGated")) {
                    reason = "SchedulingGated";
                }
            }
            boolean initializing = scanInitContainers();
            if (!initializing || conditionIsTrue("Initialized")) {
                scanContainers();
            }
            if (Json.present(pod, "metadata", "deletionTimestamp")) {
                if (Json.text(status, "reason").equals(NODE_LOST)) {
                    reason = "Unknown";
                } else if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
                    reason = "Terminating";
                }
            }
            int total = Json.items(pod, "spec", "containers").size() + sidecars.size();
            return new PodSummary(ready, total, reason, restarts, lastRestart);
        }

        /** Whether an init container is still to finish; if so it has set the reason. */
        private boolean scanInitContainers() {
            List<JsonNode> statuses = Json.items(status, "initContainerStatuses");
            for (int i = 0; i < statuses.size(); i++) {
                JsonNode container = statuses.get(i);
                boolean sidecar = sidecars.contains(Json.text(container, "name"));
                Instant finished = Json.time(container, "lastState", "terminated", "finishedAt");
                restarts += Json.number(container, "restartCount");
                lastRestart = later(lastRestart, finished);
                if (sidecar) {
                    sidecarRestarts += Json.number(container, "restartCount");
                    lastSidecarRestart = later(lastSidecarRestart, finished);
                }
                JsonNode terminated = Json.at(container, "state", "terminated");
                String waitingReason = Json.text(container, "state", "waiting", "reason");
                if (Json.present(terminated) && Json.number(terminated, "exitCode") == 0) {
                    continue;
                }
                if (sidecar && Json.bool(container, "started")) {
                    if (Json.bool(container, "ready")) {
                        ready++;
                    }
                    continue;
                }
                if (Json.present(terminated)) {
                    reason = "Init:" + terminationReason(terminated);
                } else if (!waitingReason.isEmpty() && !waitingReason.equals("PodInitializing")) {
                    reason = "Init:" + waitingReason;
                } else {
                    reason = "Init:" + i + "/" + initContainers.size();
                }
                return true;
            }
            return false;
        }

        /** The app containers; only sidecars' restarts from the init phase still count. */
        private void scanContainers() {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<JsonNode> statuses = Json.items(status, "containerStatuses");
            // From the last container to the first, so that the first container's reason wins.
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += Json.number(container, "restartCount");
                lastRestart = later(lastRestart, Json.time(container, "lastState", "terminated", "finishedAt"));
                JsonNode terminated = Json.at(container, "state", "terminated");
                String waitingReason = Json.text(container, "state", "waiting", "reason");
                if (!waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (Json.present(terminated)) {
                    reason = terminationReason(terminated);
                } else if (Json.bool(container, "ready") && Json.present(container, "state", "running")) {
                    hasRunning = true;
                    ready++;
                }
            }
            // A finished helper container does not make a pod whose other containers still run "Completed".
            if (reason.equals("Completed") && hasRunning) {
                reason = hasReadyCondition() ? "Running" : "NotReady";
            }
        }

        private boolean hasReadyCondition() {
            for (JsonNode condition : Json.items(status, "conditions")) {
                if (Json.text(condition, "type").equals("Ready")
                        && Json.text(condition, "status").equals("True")) {
                    return true;
                }
            }
            return false;
        }

        // The first condition of the type decides.
        private boolean conditionIsTrue(String type) {
            for (JsonNode condition : Json.items(status, "conditions")) {
                if (Json.text(condition, "type").equals(type)) {
                    return Json.text(condition, "status").equals("True");
                }
            }
            return false;
        }
    }

    // A terminated container's reason, else its signal or exit code.
    private static String terminationReason(JsonNode terminated) {
        String reason = Json.text(terminated, "reason");
        if (!reason.isEmpty()) {
            return reason;
        }
        long signal = Json.number(terminated, "signal");
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + Json.number(terminated, "exitCode");
    }

    private static Instant later(Instant current, Instant candidate) {
        return candidate != null && (current == null || candidate.isAfter(current)) ? candidate : current;
    }
}
