package dev.skiff.engine.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode rule(String json) {
        try {
            return MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AdmissionAttributes request(String operation, String group, String resource, String subresource,
            String namespace) {
        return new AdmissionAttributes(operation, group, "v1", "Kind", resource, subresource, namespace, "x", null,
                null, false, "alice", List.of(), null);
    }

    @Test
    void wildcardsMatchAnyOperationGroupVersionAndResource() {
        JsonNode all = rule("{'operations':['*'],'apiGroups':['*'],'apiVersions':['*'],'resources':['*']}");
        assertThat(WebhookRules.matches(all, request("DELETE", "apps", "deployments", "", "default"))).isTrue();
        assertThat(WebhookRules.matches(all, request("CONNECT", "", "pods", "", "default"))).isTrue();
    }

    @Test
    void plainResourceDoesNotMatchItsSubresources() {
        JsonNode pods = rule("{'operations':['*'],'apiGroups':[''],'apiVersions':['v1'],'resources':['pods']}");
        assertThat(WebhookRules.matches(pods, request("UPDATE", "", "pods", "", "default"))).isTrue();
        assertThat(WebhookRules.matches(pods, request("UPDATE", "", "pods", "status", "default"))).isFalse();
        JsonNode star = rule("{'operations':['*'],'apiGroups':['*'],'apiVersions':['*'],'resources':['*']}");
        assertThat(WebhookRules.matches(star, request("UPDATE", "", "pods", "status", "default"))).isFalse();
    }

    @Test
    void subresourceForms() {
        JsonNode podStatus = rule("{'operations':['*'],'apiGroups':[''],'apiVersions':['v1'],'resources':['pods/status']}");
        JsonNode allStatus = rule("{'operations':['*'],'apiGroups':['*'],'apiVersions':['*'],'resources':['*/status']}");
        JsonNode podAnything = rule("{'operations':['*'],'apiGroups':[''],'apiVersions':['v1'],'resources':['pods/*']}");
        AdmissionAttributes status = request("UPDATE", "", "pods", "status", "default");
        AdmissionAttributes exec = request("CONNECT", "", "pods", "exec", "default");
        assertThat(WebhookRules.matches(podStatus, status)).isTrue();
        assertThat(WebhookRules.matches(podStatus, exec)).isFalse();
        assertThat(WebhookRules.matches(allStatus, request("UPDATE", "apps", "deployments", "status", "ns"))).isTrue();
        assertThat(WebhookRules.matches(podAnything, exec)).isTrue();
        assertThat(WebhookRules.matches(podAnything, request("CREATE", "", "pods", "", "default"))).isTrue();
    }

    @Test
    void operationsAndGroupsMustBeListed() {
        JsonNode createDeployments =
                rule("{'operations':['CREATE'],'apiGroups':['apps'],'apiVersions':['v1'],'resources':['deployments']}");
        assertThat(WebhookRules.matches(createDeployments, request("CREATE", "apps", "deployments", "", "d"))).isTrue();
        assertThat(WebhookRules.matches(createDeployments, request("UPDATE", "apps", "deployments", "", "d"))).isFalse();
        assertThat(WebhookRules.matches(createDeployments, request("CREATE", "", "deployments", "", "d"))).isFalse();
    }

    @Test
    void scopeTreatsNamespacesAsClusterScoped() {
        JsonNode namespaced = rule("{'operations':['*'],'apiGroups':['*'],'apiVersions':['*'],'resources':['*'],"
                + "'scope':'Namespaced'}");
        JsonNode cluster = rule("{'operations':['*'],'apiGroups':['*'],'apiVersions':['*'],'resources':['*'],"
                + "'scope':'Cluster'}");
        AdmissionAttributes pod = request("CREATE", "", "pods", "", "default");
        AdmissionAttributes node = request("CREATE", "", "nodes", "", "");
        AdmissionAttributes namespace = request("CREATE", "", "namespaces", "", "team-a");
        assertThat(WebhookRules.matches(namespaced, pod)).isTrue();
        assertThat(WebhookRules.matches(namespaced, node)).isFalse();
        assertThat(WebhookRules.matches(namespaced, namespace)).isFalse();
        assertThat(WebhookRules.matches(cluster, node)).isTrue();
        assertThat(WebhookRules.matches(cluster, namespace)).isTrue();
        assertThat(WebhookRules.matches(cluster, pod)).isFalse();
    }
}
