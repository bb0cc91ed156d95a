package dev.skiff.engine.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which node the scheduler picks, and the FailedScheduling message in kube-scheduler's words when none fits. */
class NodeFitTest {
    private static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    private static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";

    private final List<ObjectNode> assigned = new ArrayList<>();

    private static ObjectNode node(String name, String cpu, String memory, int pods) {
        ObjectNode node = Json.object();
        node.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/hostname", name);
        node.putObject("spec");
        ObjectNode status = node.putObject("status");
        status.putObject("allocatable").put("cpu", cpu).put("memory", memory).put("pods", Integer.toString(pods));
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        return node;
    }

    private static ObjectNode node(String name) {
        return node(name, "2", "4Gi", 110);
    }

    private static ObjectNode pod(String name, String cpu, String memory) {
        ObjectNode pod = Json.object();
        pod.putObject("metadata").put("name", name).put("namespace", "default");
        ObjectNode requests = pod.putObject("spec").putArray("containers").addObject().put("name", "main")
                .putObject("resources").putObject("requests");
        if (cpu != null) {
            requests.put("cpu", cpu);
        }
        if (memory != null) {
            requests.put("memory", memory);
        }
        return pod;
    }

    private void runs(String nodeName, String cpu, String memory) {
        ObjectNode pod = pod("running-" + assigned.size(), cpu, memory);
        ((ObjectNode) pod.path("spec")).put("nodeName", nodeName);
        assigned.add(pod);
    }

    private NodeFit.Verdict choose(ObjectNode pod, ObjectNode... nodes) {
        return NodeFit.choose(pod, List.of(nodes), assigned);
    }

    private static String unschedulable(int nodes, String reasons, String preemption) {
        String total = "0/" + nodes + " nodes are available: ";
        return total + reasons + ". preemption: " + total + preemption + ".";
    }

    @Test
    void aPodThatFitsIsBoundWithoutMessage() {
        NodeFit.Verdict verdict = choose(pod("web", "500m", "256Mi"), node("n1"));

        assertThat(verdict.node()).contains("n1");
        assertThat(verdict.message()).isEmpty();
    }

    @Test
    void aPodThatAsksForMoreCpuThanIsLeftIsUnschedulable() {
        runs("n1", "1500m", null);

        NodeFit.Verdict verdict = choose(pod("web", "600m", null), node("n1"));

        assertThat(verdict.node()).isEmpty();
        assertThat(verdict.message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes "
                + "are available: 1 No preemption victims found for incoming pod.");
    }

    @Test
    void whatIsLeftIsExactlyEnough() {
        runs("n1", "1500m", "3Gi");
        assertThat(choose(pod("web", "500m", "1Gi"), node("n1")).node()).contains("n1");
    }

    @Test
    void podsOnOtherNodesTakeNoRoomHere() {
        runs("n2", "2", "4Gi");
        assertThat(choose(pod("web", "2", "4Gi"), node("n1")).node()).contains("n1");
    }

    @Test
    void aPodThatAsksForMoreMemoryThanIsLeftIsUnschedulable() {
        runs("n1", null, "3Gi");
        runs("n1", null, "512Mi");

        assertThat(choose(pod("web", null, "600Mi"), node("n1")).message())
                .isEqualTo(unschedulable(1, "1 Insufficient memory", "1 " + NO_VICTIMS));
    }

    @Test
    void missingCpuAndMemoryAreBothCounted() {
        assertThat(choose(pod("web", "3", "5Gi"), node("n1")).message())
                .isEqualTo(unschedulable(1, "1 Insufficient cpu, 1 Insufficient memory", "1 " + NO_VICTIMS));
    }

    @Test
    void aPodWithoutRequestsFitsAFullNode() {
        runs("n1", "2", "4Gi");
        assertThat(choose(pod("best-effort", null, null), node("n1")).node()).contains("n1");
    }

    @Test
    void aFullNodeTakesNoMorePods() {
        runs("n1", null, null);
        runs("n1", null, null);

        assertThat(choose(pod("web", null, null), node("n1", "2", "4Gi", 2)).message())
                .isEqualTo(unschedulable(1, "1 Too many pods", "1 " + NO_VICTIMS));
    }

    @Test
    void anInitContainerNeedsItsRoomToo() {
        ObjectNode pod = pod("web", "100m", null);
        ((ObjectNode) pod.path("spec")).putArray("initContainers").addObject().put("name", "setup")
                .putObject("resources").putObject("requests").put("cpu", "3");

        assertThat(choose(pod, node("n1")).message())
                .isEqualTo(unschedulable(1, "1 Insufficient cpu", "1 " + NO_VICTIMS));
    }

    @Test
    void anUnschedulableNodeTakesNoPods() {
        ObjectNode cordoned = node("n1");
        ((ObjectNode) cordoned.path("spec")).put("unschedulable", true);

        assertThat(choose(pod("web", null, null), cordoned).message())
                .isEqualTo(unschedulable(1, "1 node(s) were unschedulable", "1 " + NOT_HELPFUL));
    }

    @Test
    void aNodeThatIsNotReadyHasTheNotReadyTaint() {
        ObjectNode notReady = node("n1");
        ((ObjectNode) notReady.at("/status/conditions/0")).put("status", "False");

        assertThat(choose(pod("web", null, null), notReady).message()).isEqualTo(unschedulable(1,
                "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }", "1 " + NOT_HELPFUL));
    }

    @Test
    void aNodeWithoutReadyConditionIsNotReady() {
        ObjectNode unknown = node("n1");
        ((ObjectNode) unknown.path("status")).putArray("conditions");

        assertThat(choose(pod("web", null, null), unknown).node()).isEmpty();
    }

    @Test
    void aNodeSelectorPicksTheNodeWithTheLabel() {
        ObjectNode ssd = node("n2");
        ((ObjectNode) ssd.at("/metadata/labels")).put("disk", "ssd");
        ObjectNode pod = pod("db", null, null);
        ((ObjectNode) pod.path("spec")).putObject("nodeSelector").put("disk", "ssd");

        assertThat(choose(pod, node("n1"), ssd).node()).contains("n2");
    }

    @Test
    void aNodeSelectorThatNoNodeMatchesIsUnschedulable() {
        ObjectNode pod = pod("db", null, null);
        ((ObjectNode) pod.path("spec")).putObject("nodeSelector").put("disk", "ssd");
        ObjectNode hdd = node("n1");
        ((ObjectNode) hdd.at("/metadata/labels")).put("disk", "hdd");

        assertThat(choose(pod, hdd).message()).isEqualTo(
                unschedulable(1, "1 node(s) didn't match Pod's node affinity/selector", "1 " + NOT_HELPFUL));
    }

    @Test
    void withoutNodesThereIsNothingToChooseFrom() {
        NodeFit.Verdict verdict = NodeFit.choose(pod("web", null, null), List.of(), assigned);

        assertThat(verdict.node()).isEmpty();
        assertThat(verdict.message()).isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void reasonsOfSeveralNodesAreCountedAndSortedAsKubeSchedulerSortsThem() {
        runs("n1", "2", null);
        runs("n2", "2", null);
        ObjectNode cordoned = node("n3");
        ((ObjectNode) cordoned.path("spec")).put("unschedulable", true);

        assertThat(choose(pod("web", "1", null), node("n1"), node("n2"), cordoned).message()).isEqualTo(
                unschedulable(3, "1 node(s) were unschedulable, 2 Insufficient cpu",
                        "1 " + NOT_HELPFUL + ", 2 " + NO_VICTIMS));
    }

    @Test
    void ofTheNodesThatFitTheOneWithTheMostFreeCpuIsChosen() {
        runs("n1", "1", null);
        runs("n3", "500m", null);

        assertThat(choose(pod("web", "100m", null), node("n1"), node("n2", "1", "4Gi", 110), node("n3")).node())
                .contains("n3");
    }
}
