package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.Fixtures.ago;
import static dev.skiff.engine.api.table.Fixtures.cells;
import static dev.skiff.engine.api.table.Fixtures.json;
import static dev.skiff.engine.api.table.Fixtures.narrowCells;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PodTableTest {

    private final TableConvertor pods = TableConvertor.forKind("", "Pod");

    private static JsonNode pod(String spec, String status, String extraMetadata) {
        return json("""
                {"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"%s"%s},
                 "spec":%s,
                 "status":%s}
                """.formatted(ago(Duration.ofMinutes(42)), extraMetadata, spec, status));
    }

    private static final String ONE_CONTAINER = "{\"containers\":[{\"name\":\"app\",\"image\":\"web:1\"}],"
            + "\"nodeName\":\"node-a\"}";

    @Test
    void hasKubectlsPodColumns() {
        assertThat(pods.columnDefinitions()).extracting(c -> c.get("name").asText() + ":" + c.get("priority").asInt())
                .containsExactly("Name:0", "Ready:0", "Status:0", "Restarts:0", "Age:0", "IP:1", "Node:1",
                        "Nominated Node:1", "Readiness Gates:1");
        assertThat(pods.columnDefinitions().get(0).get("format").asText()).isEqualTo("name");
        assertThat(pods.columnDefinitions().get(3).get("type").asText()).isEqualTo("string");
    }

    @Test
    void showsARunningPod() {
        JsonNode running = pod(ONE_CONTAINER, """
                {"phase":"Running","podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}],
                 "conditions":[{"type":"Ready","status":"True"}],
                 "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"started":true,
                                       "state":{"running":{"startedAt":"%s"}}}]}
                """.formatted(ago(Duration.ofMinutes(41))), "");

        assertThat(cells(pods, running)).containsExactly("web-1", "1/1", "Running", "0", "42m", "10.1.0.5",
                "node-a", "<none>", "<none>");
        assertThat(pods.conditions(running)).isEmpty();
    }

    @Test
    void showsACrashLoopingPodWithItsLastRestart() {
        JsonNode crashing = pod(ONE_CONTAINER, """
                {"phase":"Running","podIPs":[{"ip":"10.1.0.5"}],
                 "containerStatuses":[{"name":"app","ready":false,"restartCount":3,
                   "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting"}},
                   "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}}]}
                """.formatted(ago(Duration.ofMinutes(5))), "");

        assertThat(narrowCells(pods, crashing)).containsExactly("web-1", "0/1", "CrashLoopBackOff", "3 (5m ago)",
                "42m");
    }

    @Test
    void showsACompletedPodAndMarksItsRowCompleted() {
        JsonNode completed = pod(ONE_CONTAINER, """
                {"phase":"Succeeded",
                 "containerStatuses":[{"name":"app","ready":false,"restartCount":0,
                   "state":{"terminated":{"exitCode":0,"reason":"Completed","finishedAt":"%s"}}}]}
                """.formatted(ago(Duration.ofMinutes(1))), "");

        assertThat(narrowCells(pods, completed)).containsExactly("web-1", "0/1", "Completed", "0", "42m");
        assertThat(pods.conditions(completed)).containsExactly(
                new RowCondition("Completed", "True", "Succeeded", "The pod has completed successfully."));
    }

    @Test
    void showsAFailedContainerByItsExitCodeWhenItHasNoReason() {
        JsonNode failed = pod(ONE_CONTAINER, """
                {"phase":"Failed",
                 "containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":137}}}]}
                """, "");

        assertThat(narrowCells(pods, failed).get(2)).isEqualTo("ExitCode:137");
        assertThat(pods.conditions(failed)).extracting(RowCondition::reason).containsExactly("Failed");
    }

    @Test
    void showsATerminatingPod() {
        JsonNode terminating = pod(ONE_CONTAINER, """
                {"phase":"Running","conditions":[{"type":"Ready","status":"True"}],
                 "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}
                """, ",\"deletionTimestamp\":\"" + ago(Duration.ofSeconds(3)) + "\"");

        assertThat(narrowCells(pods, terminating)).containsExactly("web-1", "1/1", "Terminating", "0", "42m");
    }

    @Test
    void aDeletedPodThatAlreadyFinishedKeepsItsStatus() {
        JsonNode finished = pod(ONE_CONTAINER, """
                {"phase":"Succeeded","containerStatuses":[{"name":"app",
                  "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
                """, ",\"deletionTimestamp\":\"" + ago(Duration.ofSeconds(3)) + "\"");

        assertThat(narrowCells(pods, finished).get(2)).isEqualTo("Completed");
    }

    @Test
    void showsAPendingPodAsPendingThenContainerCreating() {
        JsonNode unscheduled = pod("{\"containers\":[{\"name\":\"app\"}]}", "{\"phase\":\"Pending\"}", "");
        JsonNode creating = pod(ONE_CONTAINER, """
                {"phase":"Pending","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
                  "state":{"waiting":{"reason":"ContainerCreating"}}}]}
                """, "");

        assertThat(cells(pods, unscheduled)).containsExactly("web-1", "0/1", "Pending", "0", "42m", "<none>",
                "<none>", "<none>", "<none>");
        assertThat(narrowCells(pods, creating)).containsExactly("web-1", "0/1", "ContainerCreating", "0", "42m");
    }

    @Test
    void showsAPodWaitingForItsImageWithTheWaitingReason() {
        JsonNode pulling = pod(ONE_CONTAINER, """
                {"phase":"Pending","containerStatuses":[{"name":"app","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}
                """, "");

        assertThat(narrowCells(pods, pulling).get(2)).isEqualTo("ImagePullBackOff");
    }

    @Test
    void showsSchedulingGatedPods() {
        JsonNode gated = pod(ONE_CONTAINER, """
                {"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}
                """, "");

        assertThat(narrowCells(pods, gated).get(2)).isEqualTo("SchedulingGated");
    }

    @Test
    void showsInitContainerProgress() {
        String spec = "{\"initContainers\":[{\"name\":\"migrate\"},{\"name\":\"warm\"}],"
                + "\"containers\":[{\"name\":\"app\"}]}";
        JsonNode first = pod(spec, """
                {"phase":"Pending",
                 "initContainerStatuses":[{"name":"migrate","state":{"running":{}}},
                                          {"name":"warm","state":{"waiting":{"reason":"PodInitializing"}}}],
                 "containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}
                """, "");
        JsonNode second = pod(spec, """
                {"phase":"Pending",
                 "initContainerStatuses":[{"name":"migrate","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                                          {"name":"warm","state":{"running":{}}}],
                 "containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}
                """, "");

        assertThat(narrowCells(pods, first)).containsExactly("web-1", "0/1", "Init:0/2", "0", "42m");
        assertThat(narrowCells(pods, second).get(2)).isEqualTo("Init:1/2");
    }

    @Test
    void showsAFailingInitContainer() {
        String spec = "{\"initContainers\":[{\"name\":\"migrate\"}],\"containers\":[{\"name\":\"app\"}]}";
        JsonNode crashing = pod(spec, """
                {"phase":"Pending",
                 "initContainerStatuses":[{"name":"migrate","restartCount":2,
                    "state":{"waiting":{"reason":"CrashLoopBackOff"}},
                    "lastState":{"terminated":{"exitCode":1,"finishedAt":"%s"}}}],
                 "containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}
                """.formatted(ago(Duration.ofSeconds(30))), "");
        JsonNode failed = pod(spec, """
                {"phase":"Pending",
                 "initContainerStatuses":[{"name":"migrate","state":{"terminated":{"exitCode":3}}}]}
                """, "");

        assertThat(narrowCells(pods, crashing)).containsExactly("web-1", "0/1", "Init:CrashLoopBackOff",
                "2 (30s ago)", "42m");
        assertThat(narrowCells(pods, failed).get(2)).isEqualTo("Init:ExitCode:3");
    }

    @Test
    void countsSidecarsAmongTheContainers() {
        String spec = "{\"initContainers\":[{\"name\":\"proxy\",\"restartPolicy\":\"Always\"}],"
                + "\"containers\":[{\"name\":\"app\"}]}";
        JsonNode withSidecar = pod(spec, """
                {"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
                 "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,
                    "state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"%s"}}}],
                 "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}
                """.formatted(ago(Duration.ofHours(2))), "");

        assertThat(narrowCells(pods, withSidecar)).containsExactly("web-1", "2/2", "Running", "1 (120m ago)", "42m");
    }

    @Test
    void showsTheRunningStatusWhenOneOfSeveralContainersCompleted() {
        String spec = "{\"containers\":[{\"name\":\"app\"},{\"name\":\"setup\"}]}";
        JsonNode mixed = pod(spec, """
                {"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
                 "containerStatuses":[{"name":"app","ready":true,"state":{"running":{}}},
                   {"name":"setup","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
                """, "");

        assertThat(narrowCells(pods, mixed)).containsExactly("web-1", "1/2", "NotReady", "0", "42m");
    }

    @Test
    void countsReadinessGates() {
        String spec = "{\"containers\":[{\"name\":\"app\"}],\"readinessGates\":[{\"conditionType\":\"lb/ready\"},"
                + "{\"conditionType\":\"dns/ready\"}]}";
        JsonNode gated = pod(spec, """
                {"phase":"Running","conditions":[{"type":"lb/ready","status":"True"},{"type":"dns/ready","status":"False"}]}
                """, "");

        assertThat(cells(pods, gated).get(8)).isEqualTo("1/2");
    }

    @Test
    void showsTheNodeLostPodAsUnknownWhileDeleting() {
        JsonNode lost = pod(ONE_CONTAINER, "{\"phase\":\"Running\",\"reason\":\"NodeLost\"}",
                ",\"deletionTimestamp\":\"" + ago(Duration.ofSeconds(3)) + "\"");

        assertThat(narrowCells(pods, lost).get(2)).isEqualTo("Unknown");
    }

    @Test
    void showsUnknownAgeWithoutACreationTimestamp() {
        JsonNode bare = json("{\"metadata\":{\"name\":\"bare\"},\"spec\":{\"containers\":[]}}");

        assertThat(narrowCells(pods, bare)).containsExactly("bare", "0/0", "", "0", "<unknown>");
    }
}
