package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.Fixtures.ago;
import static dev.skiff.engine.api.table.Fixtures.cells;
import static dev.skiff.engine.api.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkTablesTest {

    private static final String CREATED = "\"creationTimestamp\":\"" + ago(Duration.ofSeconds(75)) + "\"";
    private final TableConvertor services = TableConvertor.forKind("", "Service");

    @Test
    void showsAServiceWithPortsAndNodePorts() {
        var service = json("""
                {"metadata":{"name":"web",%s},
                 "spec":{"type":"NodePort","clusterIP":"10.96.0.15","clusterIPs":["10.96.0.15"],
                         "selector":{"tier":"front","app":"web"},
                         "ports":[{"port":80,"protocol":"TCP","targetPort":8080},
                                  {"port":443,"nodePort":30443,"protocol":"TCP"}]}}
                """.formatted(CREATED));

        assertThat(services.columnDefinitions()).extracting(c -> c.get("name").asText())
                .containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
        assertThat(cells(services, service)).containsExactly("web", "NodePort", "10.96.0.15", "<none>",
                "80/TCP,443:30443/TCP", "75s", "app=web,tier=front");
    }

    @Test
    void showsHeadlessExternalNameAndLoadBalancerServices() {
        var headless = json("{\"metadata\":{\"name\":\"db\"},\"spec\":{\"type\":\"ClusterIP\",\"clusterIP\":\"None\"}}");
        var external = json("{\"metadata\":{\"name\":\"ext\"},\"spec\":{\"type\":\"ExternalName\","
                + "\"externalName\":\"db.example.com\"}}");
        var pending = json("{\"metadata\":{\"name\":\"lb\"},\"spec\":{\"type\":\"LoadBalancer\",\"clusterIP\":\"10.96.0.2\","
                + "\"ports\":[{\"port\":80,\"nodePort\":31000,\"protocol\":\"UDP\"}]}}");
        var ready = json("{\"metadata\":{\"name\":\"lb\"},\"spec\":{\"type\":\"LoadBalancer\",\"clusterIP\":\"10.96.0.2\","
                + "\"externalIPs\":[\"192.0.2.9\"]},\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"203.0.113.4\"},"
                + "{\"hostname\":\"lb.example.com\"}]}}}");

        assertThat(cells(services, headless)).containsExactly("db", "ClusterIP", "None", "<none>", "<none>",
                "<unknown>", "<none>");
        assertThat(cells(services, external).subList(1, 4)).containsExactly("ExternalName", "<none>",
                "db.example.com");
        assertThat(cells(services, pending).subList(1, 5)).containsExactly("LoadBalancer", "10.96.0.2", "<pending>",
                "80:31000/UDP");
        assertThat(cells(services, ready).get(3)).isEqualTo("203.0.113.4,lb.example.com,192.0.2.9");
    }

    @Test
    void showsTheFirstThreeEndpoints() {
        var endpoints = json("""
                {"metadata":{"name":"web"},
                 "subsets":[{"addresses":[{"ip":"10.1.0.1"},{"ip":"10.1.0.2"},{"ip":"10.1.0.3"},{"ip":"fd00::4"}],
                             "notReadyAddresses":[{"ip":"10.1.0.9"}],
                             "ports":[{"port":8080}]}]}
                """);
        var few = json("{\"metadata\":{\"name\":\"web\"},\"subsets\":[{\"addresses\":[{\"ip\":\"fd00::4\"}],"
                + "\"ports\":[{\"port\":8080}]}]}");

        TableConvertor convertor = TableConvertor.forKind("", "Endpoints");
        assertThat(cells(convertor, endpoints).get(1))
                .isEqualTo("10.1.0.1:8080,10.1.0.2:8080,10.1.0.3:8080 + 1 more...");
        assertThat(cells(convertor, few).get(1)).isEqualTo("[fd00::4]:8080");
        assertThat(cells(convertor, json("{\"metadata\":{\"name\":\"e\"}}")).get(1)).isEqualTo("<none>");
    }

    @Test
    void showsAnEndpointSlice() {
        var slice = json("""
                {"metadata":{"name":"web-abc12"},"addressType":"IPv4",
                 "ports":[{"name":"http","port":8080},{"name":"metrics"}],
                 "endpoints":[{"addresses":["10.1.0.1"]},{"addresses":["10.1.0.2"]}]}
                """);

        assertThat(cells(TableConvertor.forKind("discovery.k8s.io", "EndpointSlice"), slice))
                .containsExactly("web-abc12", "IPv4", "8080,metrics", "10.1.0.1,10.1.0.2", "<unknown>");
    }

    @Test
    void showsAnIngress() {
        var ingress = json("""
                {"metadata":{"name":"shop"},
                 "spec":{"ingressClassName":"skiff","tls":[{"hosts":["shop.example.com"]}],
                         "rules":[{"host":"shop.example.com"},{"host":"api.example.com"},{},{"host":"a.example.com"},
                                  {"host":"b.example.com"}]},
                 "status":{"loadBalancer":{"ingress":[{"ip":"127.0.0.1"}]}}}
                """);

        assertThat(cells(TableConvertor.forKind("networking.k8s.io", "Ingress"), ingress)).containsExactly("shop",
                "skiff", "shop.example.com,api.example.com,a.example.com + 2 more...", "127.0.0.1", "80, 443",
                "<unknown>");
    }

    @Test
    void showsANetworkPolicysPodSelector() {
        TableConvertor policies = TableConvertor.forKind("networking.k8s.io", "NetworkPolicy");

        assertThat(cells(policies, json("{\"metadata\":{\"name\":\"deny\"},\"spec\":{\"podSelector\":{}}}")))
                .containsExactly("deny", "<none>", "<unknown>");
        assertThat(cells(policies, json("{\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"web\"}}}}")).get(1)).isEqualTo("app=web");
    }
}
