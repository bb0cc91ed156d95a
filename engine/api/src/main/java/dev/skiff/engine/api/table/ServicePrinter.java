package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR with {@code -o wide}.
 * PORT(S) reads {@code 80/TCP,443:30443/TCP}: port, node port when there is one, protocol.
 */
final class ServicePrinter extends TablePrinter {

    ServicePrinter() {
        super(ColumnDefinition.objectName(),
                string("Type", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName."),
                string("Cluster-IP", "The service's cluster IP address."),
                string("External-IP", "Addresses outside the cluster where the service can be reached."),
                string("Port(s)", "The service's ports."),
                ColumnDefinition.age(),
                string("Selector", "The labels of the pods that back the service.").wide());
    }

    @Override
    void print(JsonNode service, Instant now, Cells cells) {
        JsonNode spec = service.path("spec");
        String ports = ports(spec);
        cells.text(name(service))
                .text(Json.text(spec, "type"))
                .text(clusterIP(spec))
                .text(externalIP(service))
                .text(ports.isEmpty() ? "<none>" : ports)
                .text(age(service, now))
                .text(Selectors.formatLabels(spec.get("selector")));
    }

    // clusterIPs[0]; the v1 conversion fills clusterIPs from clusterIP when only the latter is set.
    private static String clusterIP(JsonNode spec) {
        String ip = Json.text(spec.path("clusterIPs").path(0));
        if (ip.isEmpty()) {
            ip = Json.text(spec, "clusterIP");
        }
        return ip.isEmpty() ? "<none>" : ip;
    }

    private static String ports(JsonNode spec) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode port : Json.items(spec, "ports")) {
            // Protocol defaults to TCP; a stored service always has it.
            String protocol = Json.text(port, "protocol").isEmpty() ? "TCP" : Json.text(port, "protocol");
            long nodePort = Json.number(port, "nodePort");
            pieces.add(nodePort > 0
                    ? Json.number(port, "port") + ":" + nodePort + "/" + protocol
                    : Json.number(port, "port") + "/" + protocol);
        }
        return String.join(",", pieces);
    }

    private static String externalIP(JsonNode service) {
        JsonNode spec = service.path("spec");
        List<String> externalIPs = Json.items(spec, "externalIPs").stream().map(JsonNode::asText).toList();
        return switch (Json.text(spec, "type")) {
            case "ClusterIP", "NodePort" -> externalIPs.isEmpty() ? "<none>" : String.join(",", externalIPs);
            case "LoadBalancer" -> {
                String balancers = loadBalancerAddresses(Json.at(service, "status", "loadBalancer"));
                if (!externalIPs.isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!balancers.isEmpty()) {
                        all.addAll(List.of(balancers.split(",")));
                    }
                    all.addAll(externalIPs);
                    yield String.join(",", all);
                }
                yield balancers.isEmpty() ? "<pending>" : balancers;
            }
            case "ExternalName" -> Json.text(spec, "externalName");
            default -> "<unknown>";
        };
    }

    /**
     * The load balancer's IPs, else hostnames, sorted and deduplicated. The server prints wide, so the list is
     * never cut short.
     */
    static String loadBalancerAddresses(JsonNode loadBalancerStatus) {
        TreeSet<String> addresses = new TreeSet<>();
        for (JsonNode ingress : Json.items(loadBalancerStatus, "ingress")) {
            if (!Json.text(ingress, "ip").isEmpty()) {
                addresses.add(Json.text(ingress, "ip"));
            } else if (!Json.text(ingress, "hostname").isEmpty()) {
                addresses.add(Json.text(ingress, "hostname"));
            }
        }
        return String.join(",", addresses);
    }
}
