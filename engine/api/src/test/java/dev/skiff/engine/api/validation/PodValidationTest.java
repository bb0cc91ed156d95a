package dev.skiff.engine.api.validation;

import static dev.skiff.engine.api.validation.TestObjects.json;
import static dev.skiff.engine.api.validation.TestObjects.lines;
import static dev.skiff.engine.api.validation.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodValidationTest {

    private static List<FieldError> create(ObjectNode pod) {
        return Validation.validateCreate("", "v1", "Pod", pod);
    }

    @Test
    void aDefaultedPodIsValid() {
        assertThat(create(pod(""))).isEmpty();
    }

    @Test
    void aPodThatMissedDefaultingIsReadWithTheDefaults() {
        ObjectNode pod = json("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'app','image':'nginx',"
                + "'ports':[{'containerPort':80}],'livenessProbe':{'httpGet':{'port':80}}}]}}");
        assertThat(create(pod)).isEmpty();
    }

    @Test
    void containerNameMustBeADnsLabel() {
        ObjectNode pod = pod("");
        ((ObjectNode) pod.at("/spec/containers/0")).put("name", "Foo");
        assertThat(create(pod)).containsExactly(new FieldError("FieldValueInvalid", "spec.containers[0].name",
                "Invalid value: \"Foo\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters"
                        + " or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
                        + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
    }

    @Test
    void containersAreRequired() {
        ObjectNode pod = json("{'spec':{'containers':[]}}");
        assertThat(lines(create(pod))).containsExactly("spec.containers: Required value");
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        ObjectNode pod = json("{'spec':{'restartPolicy':'Sometimes','dnsPolicy':'Cloud','containers':["
                + "{'name':'app','image':'nginx','imagePullPolicy':'Bogus'},{'name':'app'}]}}");
        assertThat(lines(create(pod))).containsExactly(
                "spec.containers[0].imagePullPolicy: Unsupported value: \"Bogus\": supported values: \"Always\", "
                        + "\"IfNotPresent\", \"Never\"",
                "spec.containers[1].image: Required value",
                "spec.containers[1].name: Duplicate value: \"app\"",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", "
                        + "\"Never\"",
                "spec.dnsPolicy: Unsupported value: \"Cloud\": supported values: \"ClusterFirstWithHostNet\", "
                        + "\"ClusterFirst\", \"Default\", \"None\"");
    }

    @Test
    void portsMustBeInRangeWithKnownProtocolsAndUniqueNames() {
        ObjectNode pod = pod("'ports':[{'name':'http','containerPort':70000,'protocol':'HTTP'},"
                + "{'name':'http','containerPort':8080,'protocol':'TCP'},{'containerPort':0}]");
        assertThat(lines(create(pod))).containsExactly(
                "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
                "spec.containers[0].ports[2].containerPort: Required value");
    }

    @Test
    void hostPortsConflictAcrossContainers() {
        ObjectNode pod = json("{'spec':{'containers':[{'name':'a','image':'x','ports':[{'containerPort':80,'hostPort':8080}]},"
                + "{'name':'b','image':'x','ports':[{'containerPort':81,'hostPort':8080}]}]}}");
        assertThat(lines(create(pod))).containsExactly(
                "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\"");
    }

    @Test
    void environmentVariableNamesFollowTheRelaxedRuleOf132() {
        ObjectNode pod = pod("'env':[{'name':'1ST-OK.name'},{'name':'A=B'},{'name':''},"
                + "{'name':'X','value':'v','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}},{'name':'Y','valueFrom':{}}]");
        assertThat(lines(create(pod))).containsExactly(
                "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist "
                        + "only of printable ASCII characters other than '='",
                "spec.containers[0].env[2].name: Required value",
                "spec.containers[0].env[3].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
                "spec.containers[0].env[4].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
                        + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
    }

    @Test
    void requestsMayNotExceedLimitsAndAreShownCanonically() {
        ObjectNode pod = pod("'resources':{'limits':{'cpu':'0.5','memory':'1Gi'},'requests':{'cpu':'1','memory':'1024Mi'}}");
        assertThat(create(pod)).containsExactly(new FieldError("FieldValueInvalid",
                "spec.containers[0].resources.requests",
                "Invalid value: \"1\": must be less than or equal to cpu limit of 500m"));
    }

    @Test
    void resourceNamesAndAmountsAreChecked() {
        ObjectNode pod = pod("'resources':{'limits':{'cpus':'1','example.com/gpu':'1'},'requests':{'memory':'-1Mi',"
                + "'example.com/gpu':'2'}}");
        assertThat(lines(create(pod))).containsExactly(
                "spec.containers[0].resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource type or "
                        + "fully qualified",
                "spec.containers[0].resources.limits[cpus]: Invalid value: \"cpus\": must be a standard resource for "
                        + "containers",
                "spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0",
                "spec.containers[0].resources.requests: Invalid value: \"2\": must be equal to example.com/gpu limit of 1");
    }

    @Test
    void aProbeHasExactlyOneHandler() {
        ObjectNode pod = pod("'livenessProbe':{'httpGet':{'port':8080},'tcpSocket':{'port':8080}},"
                + "'readinessProbe':{'periodSeconds':-1},'startupProbe':{'exec':{'command':['true']},'successThreshold':2}");
        assertThat(lines(create(pod))).containsExactly(
                "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
                "spec.containers[0].readinessProbe: Required value: must specify a handler type",
                "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1");
    }

    @Test
    void probePortsAreNumbersInRangeOrServiceNames() {
        ObjectNode pod = pod("'livenessProbe':{'httpGet':{'port':'8080','scheme':'FTP'}}");
        assertThat(lines(create(pod))).containsExactly(
                "spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"8080\": must contain at least one letter (a-z)",
                "spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\"");
    }

    @Test
    void volumesHaveUniqueNamesAndExactlyOneSource() {
        ObjectNode pod = json("{'spec':{'volumes':[{'name':'data','emptyDir':{}},{'name':'data','emptyDir':{}},"
                + "{'name':'none'},{'name':'two','emptyDir':{},'configMap':{'name':'c'}}],"
                + "'containers':[{'name':'app','image':'x','volumeMounts':[{'name':'data','mountPath':'/d'},"
                + "{'name':'missing','mountPath':'/m'},{'name':'data','mountPath':'/d'}]}]}}");
        assertThat(lines(create(pod))).containsExactly(
                "spec.volumes[1].name: Duplicate value: \"data\"",
                "spec.volumes[2]: Required value: must specify a volume type",
                "spec.volumes[3].configMap: Forbidden: may not specify more than 1 volume type",
                "spec.containers[0].volumeMounts[1].name: Not found: \"missing\"",
                "spec.containers[0].volumeMounts[2].mountPath: Invalid value: \"/d\": must be unique");
    }

    @Test
    void initContainersWithoutRestartAlwaysMayNotHaveProbes() {
        ObjectNode pod = json("{'spec':{'initContainers':[{'name':'init','image':'x','readinessProbe':{'exec':"
                + "{'command':['true']}}},{'name':'app','image':'x'}],'containers':[{'name':'app','image':'x'}]}}");
        assertThat(lines(create(pod))).containsExactly(
                "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without "
                        + "restartPolicy=Always",
                "spec.initContainers[1].name: Duplicate value: \"app\"");
    }

    @Test
    void imagesMayBeChangedOnUpdate() {
        ObjectNode old = pod("");
        ObjectNode updated = pod("");
        ((ObjectNode) updated.at("/spec/containers/0")).put("image", "nginx:1.27");
        assertThat(Validation.validateUpdate("", "v1", "Pod", updated, old)).isEmpty();
    }

    @Test
    void otherSpecChangesAreForbiddenWithKubernetesMessage() {
        ObjectNode old = pod("");
        ObjectNode updated = pod("'args':['--debug']");
        List<FieldError> errors = Validation.validateUpdate("", "v1", "Pod", updated, old);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).type()).isEqualTo("FieldValueForbidden");
        assertThat(errors.get(0).field()).isEqualTo("spec");
        assertThat(errors.get(0).message()).startsWith("Forbidden: pod updates may not change fields other than "
                + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                + "(allow it to be set to 1 if it was previously negative)\n");
        assertThat(errors.get(0).message()).contains("spec.containers[0].args");
    }

    @Test
    void containersMayNotBeAddedOnUpdate() {
        ObjectNode old = pod("");
        ObjectNode updated = pod("");
        ((com.fasterxml.jackson.databind.node.ArrayNode) updated.at("/spec/containers"))
                .add(json("{'name':'side','image':'busybox'}"));
        assertThat(lines(Validation.validateUpdate("", "v1", "Pod", updated, old)))
                .containsExactly("spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void tolerationsMayOnlyBeAdded() {
        ObjectNode old = pod("");
        ((ObjectNode) old.get("spec")).set("tolerations", json("{'a':[{'key':'k','operator':'Exists'}]}").get("a"));
        ObjectNode added = old.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) added.at("/spec/tolerations"))
                .add(json("{'key':'j','operator':'Exists','effect':'NoExecute','tolerationSeconds':5}"));
        assertThat(Validation.validateUpdate("", "v1", "Pod", added, old)).isEmpty();
        ObjectNode removed = pod("");
        assertThat(lines(Validation.validateUpdate("", "v1", "Pod", removed, old))).contains(
                "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void semanticallyEqualQuantitiesAreNoChange() {
        ObjectNode old = pod("'resources':{'limits':{'cpu':'1'}}");
        ObjectNode updated = pod("'resources':{'limits':{'cpu':'1000m'}}");
        assertThat(Validation.validateUpdate("", "v1", "Pod", updated, old)).isEmpty();
    }

    @Test
    void ephemeralContainersCannotBeSetOnCreate() {
        ObjectNode pod = pod("");
        ((ObjectNode) pod.get("spec")).putArray("ephemeralContainers").add(json("{'name':'debug','image':'busybox'}"));
        assertThat(lines(create(pod))).containsExactly("spec.ephemeralContainers: Forbidden: cannot be set on create");
    }
}
