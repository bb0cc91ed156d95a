package dev.skiff.engine.api.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Service cluster IPs and node ports as kubectl users see them: allocated, kept, refused when taken. */
@Tag("e2e")
class ServiceAllocationTest {
    static TestEngine engine;
    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        kubectl = engine.kubectl();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static String service(String name, String type, String extra) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  type: %s
                  selector:
                    app: x
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080
                %s""".formatted(name, type, extra.indent(2));
    }

    static String ip(String name) {
        return kubectl.run("get", "svc", name, "-o", "jsonpath={.spec.clusterIP}").assertOk().out();
    }

    @Test
    void aServiceGetsAClusterIpFromTheLoopbackRangeAndKeepsItAcrossUpdatesAndRestarts() {
        kubectl.apply(service("first", "ClusterIP", "")).assertOk();
        String ip = ip("first");
        assertThat(ip).startsWith("127.9");
        assertThat(kubectl.run("get", "svc", "first", "-o", "jsonpath={.spec.clusterIPs[0]}").out()).isEqualTo(ip);
        kubectl.apply(service("first", "ClusterIP", "").replace("port: 80", "port: 81")).assertOk();
        assertThat(ip("first")).isEqualTo(ip);
        engine.stop();
        engine.startAgain();
        kubectl.apply(service("second", "ClusterIP", "")).assertOk();
        assertThat(ip("first")).isEqualTo(ip);
        assertThat(ip("second")).isNotEqualTo(ip);
    }

    @Test
    void anAskedForClusterIpMustBeFreeAndInRange() {
        kubectl.apply(service("fixed", "ClusterIP", "clusterIP: 127.96.7.7")).assertOk();
        assertThat(ip("fixed")).isEqualTo("127.96.7.7");
        assertThat(kubectl.apply(service("clash", "ClusterIP", "clusterIP: 127.96.7.7")).err())
                .contains("spec.clusterIPs: Invalid value: []string{\"127.96.7.7\"}: failed to allocate IP 127.96.7.7: "
                        + "provided IP is already allocated");
        assertThat(kubectl.apply(service("outside", "ClusterIP", "clusterIP: 10.0.0.5")).err())
                .contains("the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 127.96.0.0/12");
    }

    @Test
    void headlessAndExternalNameServicesGetNoClusterIp() {
        kubectl.apply(service("headless", "ClusterIP", "clusterIP: None")).assertOk();
        assertThat(ip("headless")).isEqualTo("None");
        kubectl.apply("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: outside-db
                spec:
                  type: ExternalName
                  externalName: db.example.com
                """).assertOk();
        assertThat(ip("outside-db")).isEmpty();
    }

    @Test
    void nodePortsAreAllocatedInRangeAndRefusedWhenTaken() {
        kubectl.apply(service("exposed", "NodePort", "")).assertOk();
        int port = Integer.parseInt(kubectl.run("get", "svc", "exposed", "-o", "jsonpath={.spec.ports[0].nodePort}")
                .assertOk().out());
        assertThat(port).isBetween(30000, 32767);
        assertThat(kubectl.apply(service("copycat", "NodePort", "").replace("targetPort: 8080",
                "targetPort: 8080\n    nodePort: " + port)).err())
                .contains("spec.ports[0].nodePort: Invalid value: " + port + ": provided port is already allocated");
        assertThat(kubectl.run("get", "svc", "exposed").assertOk().out()).containsPattern("80:" + port + "/TCP");
    }
}
