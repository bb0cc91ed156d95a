package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.Fixtures.ago;
import static dev.skiff.engine.api.table.Fixtures.cells;
import static dev.skiff.engine.api.table.Fixtures.json;
import static dev.skiff.engine.api.table.Fixtures.narrowCells;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterTablesTest {

    @Test
    void showsANodeWithItsRolesAndStatus() {
        var node = json("""
                {"metadata":{"name":"skiff","creationTimestamp":"%s",
                             "labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/worker":"",
                                       "kubernetes.io/role":"edge","kubernetes.io/hostname":"skiff"}},
                 "spec":{"unschedulable":true},
                 "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
                           "addresses":[{"type":"Hostname","address":"skiff"},{"type":"InternalIP","address":"127.0.0.1"}],
                           "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian GNU/Linux 12",
                                       "kernelVersion":"6.1.0","containerRuntimeVersion":""}}}
                """.formatted(ago(Duration.ofDays(12))));

        assertThat(cells(TableConvertor.forKind("", "Node"), node)).containsExactly("skiff",
                "Ready,SchedulingDisabled", "control-plane,edge,worker", "12d", "v1.32.0", "127.0.0.1", "<none>",
                "Debian GNU/Linux 12", "6.1.0", "<unknown>");
    }

    @Test
    void aNodeWithoutAReadyConditionIsUnknown() {
        var node = json("{\"metadata\":{\"name\":\"n\"},\"status\":{\"conditions\":[{\"type\":\"Ready\","
                + "\"status\":\"Unknown\"}]}}");

        assertThat(narrowCells(TableConvertor.forKind("", "Node"), node).subList(1, 3))
                .containsExactly("NotReady", "<none>");
        assertThat(narrowCells(TableConvertor.forKind("", "Node"), json("{\"metadata\":{\"name\":\"n\"}}")).get(1))
                .isEqualTo("Unknown");
    }

    @Test
    void showsNamespacesConfigMapsSecretsServiceAccountsAndLeases() {
        String created = "\"creationTimestamp\":\"" + ago(Duration.ofHours(30)) + "\"";

        assertThat(cells(TableConvertor.forKind("", "Namespace"),
                json("{\"metadata\":{\"name\":\"shop\"," + created + "},\"status\":{\"phase\":\"Active\"}}")))
                .containsExactly("shop", "Active", "30h");
        assertThat(cells(TableConvertor.forKind("", "ConfigMap"),
                json("{\"metadata\":{\"name\":\"cfg\"," + created + "},\"data\":{\"a\":\"1\",\"b\":\"2\"},"
                        + "\"binaryData\":{\"c\":\"AA==\"}}")))
                .containsExactly("cfg", 3L, "30h");
        assertThat(cells(TableConvertor.forKind("", "Secret"),
                json("{\"metadata\":{\"name\":\"tls\"},\"type\":\"kubernetes.io/tls\","
                        + "\"data\":{\"tls.crt\":\"\",\"tls.key\":\"\"}}")))
                .containsExactly("tls", "kubernetes.io/tls", 2L, "<unknown>");
        assertThat(cells(TableConvertor.forKind("", "ServiceAccount"),
                json("{\"metadata\":{\"name\":\"default\"," + created + "}}")))
                .containsExactly("default", 0L, "30h");
        assertThat(cells(TableConvertor.forKind("coordination.k8s.io", "Lease"),
                json("{\"metadata\":{\"name\":\"skiff-controller\"},\"spec\":{\"holderIdentity\":\"skiff-1\"}}")))
                .containsExactly("skiff-controller", "skiff-1", "<unknown>");
    }

    @Test
    void showsAnEventAboutAPod() {
        TableConvertor events = TableConvertor.forKind("", "Event");
        var event = json("""
                {"metadata":{"name":"web-1.17f3a"},
                 "involvedObject":{"kind":"Pod","name":"web-1","fieldPath":"spec.containers{app}"},
                 "reason":"BackOff","message":"Back-off restarting failed container\\n","type":"Warning",
                 "source":{"component":"kubelet","host":"skiff"},
                 "firstTimestamp":"%s","lastTimestamp":"%s","count":7}
                """.formatted(ago(Duration.ofMinutes(20)), ago(Duration.ofSeconds(40))));

        assertThat(events.columnDefinitions()).extracting(c -> c.get("name").asText() + ":" + c.get("priority").asInt())
                .containsExactly("Last Seen:0", "Type:0", "Reason:0", "Object:0", "Subobject:1", "Source:1",
                        "Message:0", "First Seen:1", "Count:1", "Name:1");
        assertThat(cells(events, event)).containsExactly("40s", "Warning", "BackOff", "pod/web-1",
                "spec.containers{app}", "kubelet, skiff", "Back-off restarting failed container", "20m", 7L,
                "web-1.17f3a");
    }

    @Test
    void showsAnEventOfTheNewApiBySeriesAndEventTime() {
        // First seen 59.88s ago, which reads 59s: ages truncate.
        var event = json("""
                {"metadata":{"name":"e"},"involvedObject":{"kind":"Node"},"reason":"Starting","type":"Normal",
                 "eventTime":"2025-03-01T11:59:00.123456Z","reportingComponent":"skiff-node","reportingInstance":"n1",
                 "series":{"count":4,"lastObservedTime":"2025-03-01T11:59:50.000000Z"}}
                """);

        assertThat(cells(TableConvertor.forKind("", "Event"), event)).containsExactly("10s", "Normal", "Starting",
                "node", "", "skiff-node, n1", "", "59s", 4L, "e");
    }

    @Test
    void showsEventsOfTheEventsGroupWithTheSameColumns() {
        var event = json("""
                {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e"},
                 "regarding":{"kind":"Deployment","name":"web"},"reason":"ScalingReplicaSet","type":"Normal",
                 "note":"Scaled up replica set web-5d8f to 3","reportingController":"deployment-controller",
                 "eventTime":"2025-03-01T11:58:00.000000Z"}
                """);

        assertThat(cells(TableConvertor.forKind("events.k8s.io", "Event"), event)).containsExactly("2m", "Normal",
                "ScalingReplicaSet", "deployment/web", "", "deployment-controller",
                "Scaled up replica set web-5d8f to 3", "2m", 1L, "e");
    }

    @Test
    void unknownKindsGetTheDefaultTable() {
        TableConvertor convertor = TableConvertor.forKind("example.com", "Widget");

        assertThat(convertor.columnDefinitions()).extracting(c -> c.get("name").asText() + ":" + c.get("type").asText())
                .containsExactly("Name:string", "Created At:date");
        assertThat(cells(convertor, json("{\"metadata\":{\"name\":\"w\","
                + "\"creationTimestamp\":\"2025-02-03T04:05:06Z\"}}"))).containsExactly("w", "2025-02-03T04:05:06Z");
        assertThat(cells(convertor, json("{\"metadata\":{\"name\":\"w\"}}")).get(1)).isEqualTo("0001-01-01T00:00:00Z");
    }
}
