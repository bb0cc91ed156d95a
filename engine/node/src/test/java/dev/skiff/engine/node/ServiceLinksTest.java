package dev.skiff.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLinksTest {
    static JsonNode service(String namespace, String name, String ip, String ports) throws Exception {
        return Json.LENIENT.readTree("""
                {"metadata":{"namespace":"%s","name":"%s"},"spec":{"clusterIP":"%s","ports":%s}}"""
                .formatted(namespace, name, ip, ports));
    }

    @Test
    void givesTheVariablesTheKubeletGivesForServicesOfThePodsNamespace() throws Exception {
        var env = ServiceLinks.of("shop", true, List.of(
                service("shop", "order-api", "127.96.0.20", "[{\"name\":\"http\",\"port\":80,\"protocol\":\"TCP\"},"
                        + "{\"name\":\"metrics\",\"port\":9090,\"protocol\":\"TCP\"}]"),
                service("other", "elsewhere", "127.96.0.21", "[{\"port\":80}]"),
                service("shop", "headless", "None", "[{\"port\":80}]"),
                service("default", "kubernetes", "127.96.0.1", "[{\"name\":\"https\",\"port\":443,\"protocol\":\"TCP\"}]")));
        assertThat(env).containsEntry("ORDER_API_SERVICE_HOST", "127.96.0.20")
                .containsEntry("ORDER_API_SERVICE_PORT", "80")
                .containsEntry("ORDER_API_SERVICE_PORT_METRICS", "9090")
                .containsEntry("ORDER_API_PORT", "tcp://127.96.0.20:80")
                .containsEntry("ORDER_API_PORT_9090_TCP", "tcp://127.96.0.20:9090")
                .containsEntry("ORDER_API_PORT_9090_TCP_PROTO", "tcp")
                .containsEntry("ORDER_API_PORT_9090_TCP_PORT", "9090")
                .containsEntry("ORDER_API_PORT_9090_TCP_ADDR", "127.96.0.20")
                .containsEntry("KUBERNETES_SERVICE_HOST", "127.96.0.1")
                .containsEntry("KUBERNETES_SERVICE_PORT_HTTPS", "443")
                .doesNotContainKeys("ELSEWHERE_SERVICE_HOST", "HEADLESS_SERVICE_HOST");
    }

    @Test
    void withoutServiceLinksOnlyTheKubernetesServiceCounts() throws Exception {
        var env = ServiceLinks.of("shop", false, List.of(
                service("shop", "order-api", "127.96.0.20", "[{\"port\":80}]"),
                service("default", "kubernetes", "127.96.0.1", "[{\"port\":443}]")));
        assertThat(env).containsKey("KUBERNETES_SERVICE_HOST").doesNotContainKey("ORDER_API_SERVICE_HOST");
    }
}
