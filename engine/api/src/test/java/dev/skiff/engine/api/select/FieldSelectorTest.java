package dev.skiff.engine.api.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"web-1","namespace":"shop"},
             "spec":{"nodeName":"node-a","restartPolicy":"Always","schedulerName":"default-scheduler",
                     "serviceAccountName":"default","hostNetwork":true},
             "status":{"phase":"Running","podIP":"10.0.0.7","podIPs":[{"ip":"10.0.0.7"}]}}
            """;

    @Test
    void parsesEqualityAndInequalityTerms() {
        FieldSelector selector = FieldSelector.parse("status.phase!=Running,metadata.name==web,spec.nodeName=a");

        assertThat(selector.requirements()).containsExactly(
                new FieldRequirement("metadata.name", FieldRequirement.Comparison.EQUALS, "web"),
                new FieldRequirement("spec.nodeName", FieldRequirement.Comparison.EQUALS, "a"),
                new FieldRequirement("status.phase", FieldRequirement.Comparison.NOT_EQUALS, "Running"));
        assertThat(selector).hasToString("metadata.name=web,spec.nodeName=a,status.phase!=Running");
    }

    @Test
    void unescapesValues() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b\\=c\\\\d");

        assertThat(selector.requirements().get(0).value()).isEqualTo("a,b=c\\d");
        assertThat(selector).hasToString("metadata.name=a\\,b\\=c\\\\d");
    }

    @Test
    void anEmptySelectorMatchesEverything() throws Exception {
        assertThat(FieldSelector.parse("").isEmpty()).isTrue();
        assertThat(FieldSelector.parse(null).matches("", "Pod", json(POD))).isTrue();
        assertThat(FieldSelector.parse(",,").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "metadata.name | invalid selector: 'metadata.name'; can't understand 'metadata.name'",
            "a=b=c | invalid field selector: unescaped character in value: 61",
            "a=b\\x | invalid field selector: invalid escape sequence: \\x",
            "a=b\\ | invalid field selector: invalid escape sequence: \\",
    })
    void refusesBadSyntaxWithKubernetesMessages(String selector, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(selector))
                .isInstanceOf(SelectorException.class)
                .hasMessage(message);
    }

    @Test
    void matchesPodFields() throws Exception {
        JsonNode pod = json(POD);

        assertThat(FieldSelector.parse("metadata.name=web-1").matches("", "Pod", pod)).isTrue();
        assertThat(FieldSelector.parse("metadata.namespace=shop,spec.nodeName=node-a").matches("", "Pod", pod))
                .isTrue();
        assertThat(FieldSelector.parse("status.phase!=Running").matches("", "Pod", pod)).isFalse();
        assertThat(FieldSelector.parse("status.podIP=10.0.0.7").matches("", "Pod", pod)).isTrue();
        assertThat(FieldSelector.parse("spec.hostNetwork=true").matches("", "Pod", pod)).isTrue();
        assertThat(FieldSelector.parse("spec.restartPolicy=Always,spec.schedulerName=default-scheduler,"
                + "spec.serviceAccountName=default").matches("", "Pod", pod)).isTrue();
    }

    @Test
    void missingPodFieldsCompareAsEmptyAndHostNetworkAsFalse() throws Exception {
        JsonNode pending = json("{\"metadata\":{\"name\":\"p\",\"namespace\":\"d\"},\"spec\":{}}");

        assertThat(FieldSelector.parse("spec.nodeName=").matches("", "Pod", pending)).isTrue();
        assertThat(FieldSelector.parse("status.nominatedNodeName=").matches("", "Pod", pending)).isTrue();
        assertThat(FieldSelector.parse("spec.hostNetwork=false").matches("", "Pod", pending)).isTrue();
    }

    @Test
    void readsSpecHostAsTheNodeName() throws Exception {
        FieldSelector selector = FieldSelector.parse("spec.host=node-a");

        assertThat(selector.matches("", "Pod", json(POD))).isTrue();
        assertThat(selector.forKind("", "Pod")).hasToString("spec.nodeName=node-a");
    }

    @Test
    void refusesFieldsAKindDoesNotSupport() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.containers=x").forKind("", "Pod"))
                .isInstanceOf(SelectorException.class)
                .hasMessage("field label not supported: spec.containers");
        assertThatThrownBy(() -> FieldSelector.parse("metadata.namespace=x").forKind("", "Node"))
                .hasMessage("field label not supported: metadata.namespace");
        assertThatThrownBy(() -> FieldSelector.parse("metadata.namespace=x").forKind("", "Namespace"))
                .hasMessage("field label not supported: metadata.namespace");
    }

    @Test
    void kindsWithoutConversionsAcceptOnlyNameAndNamespace() {
        assertThat(FieldSelector.parse("metadata.name=a,metadata.namespace=b").forKind("apps", "Deployment"))
                .hasToString("metadata.name=a,metadata.namespace=b");
        assertThatThrownBy(() -> FieldSelector.parse("status.replicas=0").forKind("apps", "ReplicaSet"))
                .hasMessage("\"status.replicas\" is not a known field selector: only \"metadata.name\", "
                        + "\"metadata.namespace\"");
        assertThatThrownBy(() -> FieldSelector.parse("data.x=y").forKind("", "ConfigMap"))
                .hasMessage("\"data.x\" is not a known field selector: only \"metadata.name\", "
                        + "\"metadata.namespace\"");
    }

    @Test
    void jobsNameTheirOwnKindWhenRefusing() throws Exception {
        JsonNode job = json("{\"metadata\":{\"name\":\"j\",\"namespace\":\"d\"},\"status\":{\"succeeded\":1}}");

        assertThat(FieldSelector.parse("status.successful=1").matches("batch", "Job", job)).isTrue();
        assertThatThrownBy(() -> FieldSelector.parse("status.failed=0").matches("batch", "Job", job))
                .hasMessage("field label \"status.failed\" not supported for batchv1.Job");
    }

    @Test
    void matchesEventFields() throws Exception {
        JsonNode event = json("""
                {"metadata":{"name":"web-1.17a","namespace":"shop"},
                 "involvedObject":{"kind":"Pod","namespace":"shop","name":"web-1","uid":"u-1",
                                   "apiVersion":"v1","resourceVersion":"12","fieldPath":"spec.containers{app}"},
                 "reason":"BackOff","type":"Warning","reportingComponent":"kubelet"}
                """);

        assertThat(FieldSelector.parse("involvedObject.kind=Pod,involvedObject.name=web-1,"
                + "involvedObject.namespace=shop,involvedObject.uid=u-1,involvedObject.apiVersion=v1,"
                + "involvedObject.resourceVersion=12,involvedObject.fieldPath=spec.containers{app}")
                .matches("", "Event", event)).isTrue();
        assertThat(FieldSelector.parse("reason=BackOff,type=Warning,reportingComponent=kubelet")
                .matches("", "Event", event)).isTrue();
        // With no source component, the source is the reporting component.
        assertThat(FieldSelector.parse("source=kubelet").matches("", "Event", event)).isTrue();
        assertThat(FieldSelector.parse("type!=Normal,metadata.name=web-1.17a").matches("", "Event", event))
                .isTrue();
    }

    @Test
    void matchesTheFieldsOfOtherKinds() throws Exception {
        assertThat(FieldSelector.parse("type=kubernetes.io/tls")
                .matches("", "Secret", json("{\"metadata\":{\"name\":\"s\"},\"type\":\"kubernetes.io/tls\"}")))
                .isTrue();
        assertThat(FieldSelector.parse("status.phase=Terminating")
                .matches("", "Namespace", json("{\"metadata\":{\"name\":\"n\"},\"status\":{\"phase\":\"Terminating\"}}")))
                .isTrue();
        assertThat(FieldSelector.parse("spec.unschedulable=false")
                .matches("", "Node", json("{\"metadata\":{\"name\":\"n\"},\"spec\":{}}")))
                .isTrue();
        assertThat(FieldSelector.parse("spec.unschedulable=true")
                .matches("", "Node", json("{\"metadata\":{\"name\":\"n\"},\"spec\":{\"unschedulable\":true}}")))
                .isTrue();
        assertThat(FieldSelector.parse("spec.type=ClusterIP,spec.clusterIP!=None")
                .matches("", "Service", json("{\"metadata\":{\"name\":\"s\"},"
                        + "\"spec\":{\"type\":\"ClusterIP\",\"clusterIP\":\"10.96.0.10\"}}")))
                .isTrue();
        assertThat(FieldSelector.parse("metadata.name=lease-a")
                .matches("coordination.k8s.io", "Lease", json("{\"metadata\":{\"name\":\"lease-a\"}}")))
                .isTrue();
    }

    @Test
    void offersTheValueOfAnExactNameMatch() {
        FieldSelector selector = FieldSelector.parse("metadata.name=web,status.phase!=Failed");

        assertThat(selector.requiresExactMatch("metadata.name")).contains("web");
        assertThat(selector.requiresExactMatch("status.phase")).isEmpty();
    }
}
