package dev.skiff.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.node.ContainerRuntime.Termination;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status the node agent writes for a pod, compared with what the kubelet reports in the same situation. */
class PodStatusBuilderTest {
    private static final Instant STARTED = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:05:00Z");

    private final List<ContainerRuntime> inits = new ArrayList<>();
    private final List<ContainerRuntime> containers = new ArrayList<>();
    private String restartPolicy = "Always";
    private boolean terminating;
    private boolean sandboxReady = true;
    private ObjectNode oldStatus = Json.object();

    // ---- the pod's containers, in the states the supervisor leaves them in

    private ContainerRuntime add(String name, boolean init) {
        JsonNode spec = Json.object().put("name", name).put("image", "busybox");
        ContainerRuntime c = new ContainerRuntime(name, spec, init, init || !inits.isEmpty());
        (init ? inits : containers).add(c);
        return c;
    }

    private ContainerRuntime waiting(String name) {
        return add(name, false);
    }

    private ContainerRuntime running(String name) {
        return start(add(name, false));
    }

    private ContainerRuntime exited(String name, int exitCode) {
        return end(start(add(name, false)), exitCode);
    }

    /** Exited and waiting out its back-off before the next start. */
    private ContainerRuntime crashLooping(String name, int exitCode) {
        ContainerRuntime c = exited(name, exitCode);
        c.waitingReason = "CrashLoopBackOff";
        c.waitingMessage = "back-off 10s restarting failed container=" + name + " pod=web_default(uid-1)";
        c.restartCount = 1;
        return c;
    }

    private ContainerRuntime initExited(String name, int exitCode) {
        return end(start(add(name, true)), exitCode);
    }

    private ContainerRuntime initRunning(String name) {
        return start(add(name, true));
    }

    private static ContainerRuntime start(ContainerRuntime c) {
        c.process = new StoppedProcess();
        c.instance++;
        c.startedAt = STARTED;
        c.containerId = "skiff://uid-1-" + c.name + "-42";
        c.imageId = "docker.io/library/busybox@sha256:abc";
        c.waitingReason = null;
        c.started = true;
        c.ready = !c.init;
        return c;
    }

    private static ContainerRuntime end(ContainerRuntime c, int exitCode) {
        c.terminated = new Termination(exitCode, null, exitCode == 0 ? "Completed" : "Error", null, STARTED, NOW,
                c.containerId);
        c.ready = false;
        c.started = false;
        return c;
    }

    // ---- building

    private ObjectNode status() {
        ObjectNode pod = Json.object();
        pod.putObject("metadata").put("name", "web").put("namespace", "default").put("uid", "uid-1");
        pod.putObject("spec").put("restartPolicy", restartPolicy);
        pod.set("status", oldStatus);
        var snapshot = new PodStatusBuilder.Snapshot("127.1.0.9", STARTED, sandboxReady, terminating, inits,
                containers);
        return PodStatusBuilder.build(pod, snapshot, NOW);
    }

    private String phase() {
        return status().path("phase").asText();
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no condition " + type + " in " + status);
    }

    // ---- phase

    @Test
    void aContainerThatWasNeverStartedKeepsThePodPending() {
        running("web");
        waiting("sidecar");
        assertThat(phase()).isEqualTo("Pending");
    }

    @Test
    void oneRunningContainerMakesThePodRunning() {
        running("web");
        exited("job", 0);
        restartPolicy = "Never";
        assertThat(phase()).isEqualTo("Running");
    }

    @Test
    void withRestartPolicyAlwaysEndedContainersAreRestartingSoThePodRuns() {
        exited("web", 0);
        crashLooping("worker", 1);
        assertThat(phase()).isEqualTo("Running");
    }

    @Test
    void aContainerInBackOffDoesNotMakeThePodPending() {
        crashLooping("web", 2);
        assertThat(phase()).isEqualTo("Running");
    }

    @Test
    void withRestartPolicyOnFailureAllSucceededMeansSucceeded() {
        restartPolicy = "OnFailure";
        exited("a", 0);
        exited("b", 0);
        assertThat(phase()).isEqualTo("Succeeded");
    }

    @Test
    void withRestartPolicyOnFailureAFailedContainerIsRestartingSoThePodRuns() {
        restartPolicy = "OnFailure";
        exited("a", 0);
        crashLooping("b", 1);
        assertThat(phase()).isEqualTo("Running");
    }

    @Test
    void withRestartPolicyNeverAllSucceededMeansSucceeded() {
        restartPolicy = "Never";
        exited("a", 0);
        assertThat(phase()).isEqualTo("Succeeded");
    }

    @Test
    void withRestartPolicyNeverOneFailureMeansFailed() {
        restartPolicy = "Never";
        exited("a", 0);
        exited("b", 137);
        assertThat(phase()).isEqualTo("Failed");
    }

    @Test
    void whileInitContainersRunThePodIsPending() {
        initExited("setup", 0);
        initRunning("migrate");
        waiting("web");
        assertThat(phase()).isEqualTo("Pending");
    }

    @Test
    void aFailedInitContainerWithRestartPolicyNeverFailsThePod() {
        restartPolicy = "Never";
        initExited("setup", 1);
        waiting("web");
        assertThat(phase()).isEqualTo("Failed");
    }

    @Test
    void aFailedInitContainerThatIsRestartedKeepsThePodPending() {
        restartPolicy = "OnFailure";
        initExited("setup", 1).waitingReason = "CrashLoopBackOff";
        waiting("web");
        assertThat(phase()).isEqualTo("Pending");

        restartPolicy = "Always";
        assertThat(phase()).isEqualTo("Pending");
    }

    @Test
    void aDeletedPodWhoseContainersStoppedEndsWhateverItsRestartPolicy() {
        terminating = true;
        exited("web", 0);
        assertThat(phase()).isEqualTo("Succeeded");

        exited("sidecar", 143);
        JsonNode status = status();
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(condition(status, "Ready").path("reason").asText()).isEqualTo("PodFailed");
    }

    @Test
    void aDeletedPodKeepsItsPhaseWhileAContainerStillStops() {
        terminating = true;
        running("web");
        exited("sidecar", 0);
        assertThat(phase()).isEqualTo("Running");
    }

    @Test
    void aPodThatReachedATerminalPhaseStaysThere() {
        restartPolicy = "Never";
        oldStatus.put("phase", "Succeeded");
        exited("a", 1); // e.g. a fresh runtime after an engine restart knows less than the stored status

        assertThat(phase()).isEqualTo("Succeeded");
    }

    // ---- conditions

    @Test
    void aPodWhoseContainersAreAllReadyIsReady() {
        running("web");
        running("sidecar");
        JsonNode status = status();

        assertThat(condition(status, "PodReadyToStartContainers").path("status").asText()).isEqualTo("True");
        assertThat(condition(status, "Initialized").path("status").asText()).isEqualTo("True");
        for (String type : List.of("Ready", "ContainersReady")) {
            JsonNode c = condition(status, type);
            assertThat(c.path("status").asText()).isEqualTo("True");
            assertThat(c.has("reason")).isFalse();
            assertThat(c.has("message")).isFalse();
            assertThat(c.path("lastTransitionTime").asText()).isEqualTo("2026-11-23T10:05:00Z");
            assertThat(c.get("lastProbeTime").isNull()).isTrue();
        }
    }

    @Test
    void unreadyContainersAreNamedInTheReadyConditions() {
        running("web").ready = false;
        running("sidecar");
        running("proxy").ready = false;
        JsonNode status = status();

        for (String type : List.of("Ready", "ContainersReady")) {
            JsonNode c = condition(status, type);
            assertThat(c.path("status").asText()).isEqualTo("False");
            assertThat(c.path("reason").asText()).isEqualTo("ContainersNotReady");
            assertThat(c.path("message").asText()).isEqualTo("containers with unready status: [web proxy]");
        }
    }

    @Test
    void oneUnreadyContainerIsNamedAlone() {
        running("a").ready = false;
        assertThat(condition(status(), "Ready").path("message").asText())
                .isEqualTo("containers with unready status: [a]");
    }

    @Test
    void aTerminatingPodIsNotReady() {
        running("web");
        terminating = true;
        JsonNode status = status();

        assertThat(condition(status, "Ready").path("status").asText()).isEqualTo("False");
        assertThat(status.at("/containerStatuses/0/ready").asBoolean()).isFalse();
    }

    @Test
    void aSucceededPodIsNotReadyBecauseItCompleted() {
        restartPolicy = "Never";
        initExited("setup", 0);
        exited("job", 0);
        JsonNode status = status();

        for (String type : List.of("Ready", "ContainersReady")) {
            JsonNode c = condition(status, type);
            assertThat(c.path("status").asText()).isEqualTo("False");
            assertThat(c.path("reason").asText()).isEqualTo("PodCompleted");
            assertThat(c.has("message")).isFalse();
        }
        JsonNode initialized = condition(status, "Initialized");
        assertThat(initialized.path("status").asText()).isEqualTo("True");
        assertThat(initialized.path("reason").asText()).isEqualTo("PodCompleted");
    }

    @Test
    void aFailedPodIsNotReadyBecauseItFailed() {
        restartPolicy = "Never";
        exited("job", 3);
        JsonNode status = status();

        assertThat(condition(status, "Ready").path("reason").asText()).isEqualTo("PodFailed");
        assertThat(condition(status, "ContainersReady").path("reason").asText()).isEqualTo("PodFailed");
        assertThat(condition(status, "Ready").has("message")).isFalse();
    }

    @Test
    void incompleteInitContainersAreNamedInTheInitializedCondition() {
        initExited("setup", 0);
        initRunning("migrate");
        add("seed", true);
        waiting("web");
        JsonNode initialized = condition(status(), "Initialized");

        assertThat(initialized.path("status").asText()).isEqualTo("False");
        assertThat(initialized.path("reason").asText()).isEqualTo("ContainersNotInitialized");
        assertThat(initialized.path("message").asText())
                .isEqualTo("containers with incomplete status: [migrate seed]");
    }

    @Test
    void beforeThePodIsSetUpItIsNotReadyToStartContainers() {
        sandboxReady = false;
        waiting("web");
        assertThat(condition(status(), "PodReadyToStartContainers").path("status").asText()).isEqualTo("False");
    }

    @Test
    void conditionsOthersOwnAreKeptAfterTheKubeletsOwn() {
        running("web");
        ArrayNode old = oldStatus.putArray("conditions");
        old.addObject().put("type", "PodScheduled").put("status", "True")
                .put("lastTransitionTime", "2026-11-23T09:59:00Z");
        old.addObject().put("type", "example.com/gate").put("status", "False");
        oldStatus.put("qosClass", "BestEffort");
        JsonNode status = status();

        List<String> types = new ArrayList<>();
        status.path("conditions").forEach(c -> types.add(c.path("type").asText()));
        assertThat(types).containsExactly("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                "PodScheduled", "example.com/gate");
        assertThat(condition(status, "PodScheduled").path("lastTransitionTime").asText())
                .isEqualTo("2026-11-23T09:59:00Z");
        assertThat(status.path("qosClass").asText()).isEqualTo("BestEffort");
    }

    @Test
    void aConditionKeepsItsTransitionTimeWhileItsStatusStaysTheSame() {
        running("web");
        ArrayNode old = oldStatus.putArray("conditions");
        old.addObject().put("type", "Ready").put("status", "True")
                .put("lastTransitionTime", "2026-11-23T10:01:00Z");
        old.addObject().put("type", "ContainersReady").put("status", "False")
                .put("lastTransitionTime", "2026-11-23T10:01:00Z");
        JsonNode status = status();

        assertThat(condition(status, "Ready").path("lastTransitionTime").asText())
                .isEqualTo("2026-11-23T10:01:00Z");
        assertThat(condition(status, "ContainersReady").path("lastTransitionTime").asText())
                .isEqualTo("2026-11-23T10:05:00Z");
    }

    // ---- container statuses

    @Test
    void aRunningContainerShowsWhenItStartedAndWhatItRuns() {
        ContainerRuntime web = running("web");
        web.restartCount = 2;
        JsonNode cs = status().at("/containerStatuses/0");

        assertThat(cs.path("name").asText()).isEqualTo("web");
        assertThat(cs.at("/state/running/startedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(cs.path("ready").asBoolean()).isTrue();
        assertThat(cs.path("started").asBoolean()).isTrue();
        assertThat(cs.path("restartCount").asInt()).isEqualTo(2);
        assertThat(cs.path("image").asText()).isEqualTo("busybox");
        assertThat(cs.path("imageID").asText()).isEqualTo("docker.io/library/busybox@sha256:abc");
        assertThat(cs.path("containerID").asText()).isEqualTo("skiff://uid-1-web-42");
        assertThat(cs.path("lastState").isEmpty()).isTrue();
    }

    @Test
    void aNewContainerIsCreating() {
        waiting("web");
        JsonNode cs = status().at("/containerStatuses/0");

        assertThat(cs.at("/state/waiting/reason").asText()).isEqualTo("ContainerCreating");
        assertThat(cs.path("ready").asBoolean()).isFalse();
        assertThat(cs.path("started").asBoolean()).isFalse();
        assertThat(cs.has("containerID")).isFalse();
    }

    @Test
    void containersOfAPodWithInitContainersWaitWithPodInitializing() {
        add("setup", true);
        waiting("web");
        JsonNode status = status();

        assertThat(status.at("/initContainerStatuses/0/state/waiting/reason").asText())
                .isEqualTo("PodInitializing");
        assertThat(status.at("/containerStatuses/0/state/waiting/reason").asText()).isEqualTo("PodInitializing");
    }

    @Test
    void aContainerInBackOffWaitsAndShowsItsLastTermination() {
        crashLooping("web", 3);
        JsonNode cs = status().at("/containerStatuses/0");

        assertThat(cs.at("/state/waiting/reason").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(cs.at("/state/waiting/message").asText())
                .isEqualTo("back-off 10s restarting failed container=web pod=web_default(uid-1)");
        assertThat(cs.at("/lastState/terminated/exitCode").asInt()).isEqualTo(3);
        assertThat(cs.at("/lastState/terminated/reason").asText()).isEqualTo("Error");
        assertThat(cs.at("/lastState/terminated/finishedAt").asText()).isEqualTo("2026-11-23T10:05:00Z");
        assertThat(cs.at("/lastState/terminated/containerID").asText()).isEqualTo("skiff://uid-1-web-42");
        assertThat(cs.path("restartCount").asInt()).isEqualTo(1);
    }

    @Test
    void aContainerThatEndedForGoodShowsItsTermination() {
        restartPolicy = "Never";
        ContainerRuntime job = exited("job", 0);
        job.lastTerminated = new Termination(1, null, "Error", null, STARTED, STARTED, "skiff://uid-1-job-7");
        JsonNode cs = status().at("/containerStatuses/0");

        assertThat(cs.at("/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(cs.at("/state/terminated/exitCode").asInt()).isZero();
        assertThat(cs.at("/state/terminated/startedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(cs.at("/lastState/terminated/exitCode").asInt()).isEqualTo(1);
        assertThat(cs.path("ready").asBoolean()).isFalse();
    }

    @Test
    void aCompletedInitContainerIsReady() {
        initExited("setup", 0);
        initExited("check", 1).waitingReason = "CrashLoopBackOff";
        waiting("web");
        JsonNode init = status().path("initContainerStatuses");

        assertThat(init.at("/0/ready").asBoolean()).isTrue();
        assertThat(init.at("/0/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(init.at("/1/ready").asBoolean()).isFalse();
    }

    @Test
    void aPodWithoutInitContainersHasNoInitContainerStatuses() {
        running("web");
        assertThat(status().has("initContainerStatuses")).isFalse();
    }

    @Test
    void addressesAndStartTimeAreReported() {
        running("web");
        JsonNode status = status();

        assertThat(status.path("podIP").asText()).isEqualTo("127.1.0.9");
        assertThat(status.at("/podIPs/0/ip").asText()).isEqualTo("127.1.0.9");
        assertThat(status.path("hostIP").asText()).isEqualTo("127.0.0.1");
        assertThat(status.path("startTime").asText()).isEqualTo("2026-11-23T10:00:00Z");
    }

    /** A process that is never asked anything: the builder only looks at the container's recorded state. */
    private static final class StoppedProcess extends Process {
        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            return 0;
        }

        @Override
        public void destroy() {
        }
    }
}
