package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.Fixtures.ago;
import static dev.skiff.engine.api.table.Fixtures.cells;
import static dev.skiff.engine.api.table.Fixtures.json;
import static dev.skiff.engine.api.table.Fixtures.narrowCells;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkloadTablesTest {

    private static final String CREATED = "\"creationTimestamp\":\"" + ago(Duration.ofDays(3).plusHours(4)) + "\"";

    @Test
    void showsADeploymentWithReadyOutOfDesired() {
        TableConvertor deployments = TableConvertor.forKind("apps", "Deployment");
        var deployment = json("""
                {"metadata":{"name":"web",%s},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                         "template":{"spec":{"containers":[{"name":"app","image":"web:2"},
                                                           {"name":"proxy","image":"envoy:1.30"}]}}},
                 "status":{"replicas":3,"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
                """.formatted(CREATED));

        assertThat(deployments.columnDefinitions()).extracting(c -> c.get("name").asText())
                .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images",
                        "Selector");
        assertThat(cells(deployments, deployment)).containsExactly("web", "2/3", 3L, 2L, "3d4h", "app,proxy",
                "web:2,envoy:1.30", "app=web");
    }

    @Test
    void aNewDeploymentWithoutStatusIsZeroReady() {
        var deployment = json("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,"
                + "\"selector\":{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"b\",\"a\"]}]}}}");

        assertThat(cells(TableConvertor.forKind("apps", "Deployment"), deployment))
                .containsExactly("web", "0/1", 0L, 0L, "<unknown>", "", "", "tier in (a,b)");
    }

    @Test
    void showsAReplicaSet() {
        var replicaSet = json("""
                {"metadata":{"name":"web-5d8f",%s},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d8f"}},
                         "template":{"spec":{"containers":[{"name":"app","image":"web:2"}]}}},
                 "status":{"replicas":3,"readyReplicas":1}}
                """.formatted(CREATED));

        assertThat(cells(TableConvertor.forKind("apps", "ReplicaSet"), replicaSet)).containsExactly("web-5d8f", 3L,
                3L, 1L, "3d4h", "app", "web:2", "app=web,pod-template-hash=5d8f");
    }

    @Test
    void showsAJobsStatusCompletionsAndDuration() {
        TableConvertor jobs = TableConvertor.forKind("batch", "Job");
        var running = json("""
                {"metadata":{"name":"migrate",%s},
                 "spec":{"completions":3,"template":{"spec":{"containers":[{"name":"m","image":"tool:1"}]}}},
                 "status":{"succeeded":1,"startTime":"%s"}}
                """.formatted(CREATED, ago(Duration.ofMinutes(4).plusSeconds(5))));
        var complete = json("""
                {"metadata":{"name":"once",%s},"spec":{},
                 "status":{"succeeded":1,"startTime":"2025-02-01T00:00:00Z","completionTime":"2025-02-01T00:00:42Z",
                           "conditions":[{"type":"Complete","status":"True"}]}}
                """.formatted(CREATED));
        var parallel = json("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"parallelism\":4},\"status\":{}}");

        assertThat(narrowCells(jobs, running)).containsExactly("migrate", "Running", "1/3", "4m5s", "3d4h");
        assertThat(narrowCells(jobs, complete)).containsExactly("once", "Complete", "1/1", "42s", "3d4h");
        assertThat(narrowCells(jobs, parallel)).containsExactly("p", "Running", "0/1 of 4", "", "<unknown>");
    }

    @Test
    void showsAnAutoscalersTargets() {
        TableConvertor autoscalers = TableConvertor.forKind("autoscaling", "HorizontalPodAutoscaler");
        var v2 = json("""
                {"metadata":{"name":"web",%s},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":10,
                         "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}},
                                    {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"512Mi"}}}]},
                 "status":{"currentReplicas":3,
                           "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":40}}}]}}
                """.formatted(CREATED));
        var v1 = json("""
                {"metadata":{"name":"old"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"old"},"maxReplicas":5,
                         "targetCPUUtilizationPercentage":70},
                 "status":{"currentReplicas":1}}
                """);

        assertThat(cells(autoscalers, v2)).containsExactly("web", "Deployment/web",
                "cpu: 40%/80%, memory: <unknown>/512Mi", "2", 10L, 3L, "3d4h");
        assertThat(cells(autoscalers, v1)).containsExactly("old", "Deployment/old", "cpu: <unknown>/70%", "<unset>",
                5L, 1L, "<unknown>");
    }
}
