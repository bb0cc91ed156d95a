package dev.skiff.engine.api.patch;

import static dev.skiff.engine.api.patch.JsonText.allFieldNames;
import static dev.skiff.engine.api.patch.JsonText.json;
import static dev.skiff.engine.api.patch.JsonText.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Strategic merge patches as clients send them to Deployments, pod templates included. */
class DeploymentStrategicMergePatchTest {

    private static final PatchSchema DEPLOYMENT = PatchStrategies.forKind("apps", "Deployment").orElseThrow();

    private static final JsonNode LIVE = json("""
            {'apiVersion': 'apps/v1', 'kind': 'Deployment',
             'metadata': {'name': 'web', 'namespace': 'default', 'generation': 3,
                          'annotations': {'deployment.kubernetes.io/revision': '3',
                                          'kubectl.kubernetes.io/last-applied-configuration': '{}'}},
             'spec': {
               'replicas': 2,
               'selector': {'matchLabels': {'app': 'web'}},
               'strategy': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': '25%', 'maxUnavailable': '25%'}},
               'template': {
                 'metadata': {'labels': {'app': 'web'}},
                 'spec': {
                   'containers': [
                     {'name': 'web', 'image': 'nginx:1.25',
                      'ports': [{'containerPort': 80, 'protocol': 'TCP'}],
                      'env': [{'name': 'A', 'value': '1'}],
                      'resources': {'limits': {'cpu': '500m'}},
                      'volumeMounts': [{'name': 'cache', 'mountPath': '/cache'}]},
                     {'name': 'log-shipper', 'image': 'fluent-bit:3'}],
                   'volumes': [{'name': 'cache', 'emptyDir': {}}],
                   'restartPolicy': 'Always'}}},
             'status': {'replicas': 2,
                        'conditions': [{'type': 'Available', 'status': 'True'},
                                       {'type': 'Progressing', 'status': 'True', 'reason': 'NewReplicaSetAvailable'}]}}
            """);

    private static JsonNode patch(String patch) {
        return StrategicMergePatch.apply(LIVE, json(patch), DEPLOYMENT);
    }

    @Test
    void kubectlClientSideApplyPatchKeepsTheContainersOtherFields() {
        JsonNode result = patch("""
                {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"new\\":true}"}},
                 "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
                   "containers":[{"$setElementOrder/env":[{"name":"A"}],"env":[{"name":"A","value":"2"}],
                                  "image":"nginx:1.26","name":"web"}]}}}}
                """);

        JsonNode web = result.at("/spec/template/spec/containers/0");
        assertThat(web.get("name").asText()).isEqualTo("web");
        assertThat(web.get("image").asText()).isEqualTo("nginx:1.26");
        assertThat(web.get("env")).isEqualTo(json("[{'name': 'A', 'value': '2'}]"));
        assertThat(web.get("ports")).isEqualTo(json("[{'containerPort': 80, 'protocol': 'TCP'}]"));
        assertThat(web.get("resources")).isEqualTo(json("{'limits': {'cpu': '500m'}}"));
        assertThat(web.get("volumeMounts")).isEqualTo(json("[{'name': 'cache', 'mountPath': '/cache'}]"));
        // The live container the patch does not name stays, after the named one.
        assertThat(names(result.at("/spec/template/spec/containers"))).containsExactly("web", "log-shipper");
        assertThat(result.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration").asText())
                .isEqualTo("{\"new\":true}");
        assertThat(result.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("3");
        assertThat(allFieldNames(result)).noneMatch(name -> name.startsWith("$"));
    }

    @Test
    void kubectlApplyRemovingAContainerSendsPatchDelete() {
        JsonNode result = patch("""
                {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
                   "containers":[{"$patch":"delete","name":"log-shipper"}]}}}}
                """);

        assertThat(names(result.at("/spec/template/spec/containers"))).containsExactly("web");
        assertThat(result.at("/spec/template/spec/containers/0")).isEqualTo(LIVE.at("/spec/template/spec/containers/0"));
    }

    @Test
    void retainKeysOnTheStrategySwitchesRollingUpdateToRecreate() {
        JsonNode result = patch("{'spec': {'strategy': {'$retainKeys': ['type'], 'type': 'Recreate'}}}");

        assertThat(result.at("/spec/strategy")).isEqualTo(json("{'type': 'Recreate'}"));
    }

    @Test
    void withoutRetainKeysTheStrategyMergesAndKeepsRollingUpdate() {
        JsonNode result = patch("{'spec': {'strategy': {'type': 'Recreate'}}}");

        assertThat(result.at("/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("25%");
    }

    @Test
    void mergesDeepInsideThePodTemplate() {
        JsonNode result = patch("""
                {'spec': {'replicas': 5,
                  'template': {'metadata': {'labels': {'version': 'v2'}, 'annotations': {'restartedAt': 'now'}},
                    'spec': {
                      'containers': [{'name': 'web',
                          'env': [{'name': 'B', 'value': 'b'}],
                          'ports': [{'containerPort': 8443, 'name': 'https'}],
                          'volumeMounts': [{'mountPath': '/cache', 'readOnly': true}, {'name': 'cfg', 'mountPath': '/etc/web'}],
                          'resources': {'limits': {'memory': '256Mi'}}}],
                      'volumes': [{'name': 'cfg', 'configMap': {'name': 'web-config'}}]}}}}
                """);

        JsonNode spec = result.at("/spec/template/spec");
        assertThat(result.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(result.at("/spec/template/metadata/labels")).isEqualTo(json("{'app': 'web', 'version': 'v2'}"));
        assertThat(result.at("/spec/template/metadata/annotations")).isEqualTo(json("{'restartedAt': 'now'}"));
        assertThat(spec.at("/containers/0/env")).isEqualTo(json("[{'name': 'B', 'value': 'b'}, {'name': 'A', 'value': '1'}]"));
        assertThat(spec.at("/containers/0/ports")).isEqualTo(json("""
                [{'containerPort': 8443, 'name': 'https'}, {'containerPort': 80, 'protocol': 'TCP'}]
                """));
        assertThat(spec.at("/containers/0/volumeMounts")).isEqualTo(json("""
                [{'name': 'cache', 'mountPath': '/cache', 'readOnly': true}, {'name': 'cfg', 'mountPath': '/etc/web'}]
                """));
        assertThat(spec.at("/containers/0/resources")).isEqualTo(json("{'limits': {'cpu': '500m', 'memory': '256Mi'}}"));
        assertThat(spec.at("/containers/1")).isEqualTo(LIVE.at("/spec/template/spec/containers/1"));
        assertThat(spec.at("/volumes")).isEqualTo(json("""
                [{'name': 'cfg', 'configMap': {'name': 'web-config'}}, {'name': 'cache', 'emptyDir': {}}]
                """));
        assertThat(spec.at("/restartPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void kubectlRolloutRestartAnnotationPatch() {
        JsonNode result = patch("""
                {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}
                """);

        assertThat(result.at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt").asText())
                .isEqualTo("2025-01-01T00:00:00Z");
        assertThat(result.at("/spec/template/spec")).isEqualTo(LIVE.at("/spec/template/spec"));
    }

    @Test
    void kubectlSetImagePatch() {
        JsonNode result = patch("""
                {"spec":{"template":{"spec":{"containers":[{"image":"fluent-bit:4","name":"log-shipper"}]}}}}
                """);

        assertThat(names(result.at("/spec/template/spec/containers"))).containsExactly("web", "log-shipper");
        assertThat(result.at("/spec/template/spec/containers/1/image").asText()).isEqualTo("fluent-bit:4");
    }

    @Test
    void mergesStatusConditionsByType() {
        JsonNode result = patch("""
                {'status': {'conditions': [{'type': 'Progressing', 'status': 'False', 'reason': 'ProgressDeadlineExceeded'}]}}
                """);

        assertThat(result.at("/status/conditions")).isEqualTo(json("""
                [{'type': 'Available', 'status': 'True'},
                 {'type': 'Progressing', 'status': 'False', 'reason': 'ProgressDeadlineExceeded'}]
                """));
    }

    @Test
    void selectorIsMergedAsAnObject() {
        JsonNode result = patch("{'spec': {'selector': {'matchLabels': {'tier': 'front'}}}}");

        assertThat(result.at("/spec/selector/matchLabels")).isEqualTo(json("{'app': 'web', 'tier': 'front'}"));
    }
}
