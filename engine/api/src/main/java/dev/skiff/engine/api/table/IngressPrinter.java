package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Ingresses: NAME CLASS HOSTS ADDRESS PORTS AGE. */
final class IngressPrinter extends TablePrinter {

    private static final int SHOWN = 3;

    IngressPrinter() {
        super(ColumnDefinition.objectName(),
                string("Class", "The IngressClass that handles the ingress."),
                string("Hosts", "The hosts the ingress rules match."),
                string("Address", "Where the load balancer serving the ingress can be reached."),
                string("Ports", "The ports the ingress is served on: 80, and 443 with TLS."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode ingress, Instant now, Cells cells) {
        JsonNode spec = ingress.path("spec");
        String className = Json.text(spec, "ingressClassName");
        cells.text(name(ingress))
                .text(Json.present(spec, "ingressClassName") ? className : "<none>")
                .text(hosts(Json.items(spec, "rules")))
                .text(ServicePrinter.loadBalancerAddresses(Json.at(ingress, "status", "loadBalancer")))
                .text(Json.items(spec, "tls").isEmpty() ? "80" : "80, 443")
                .text(age(ingress, now));
    }

    // The first three hosts; rules without a host match every host, "*" when none names one.
    private static String hosts(List<JsonNode> rules) {
        List<String> hosts = new ArrayList<>();
        boolean more = false;
        for (JsonNode rule : rules) {
            if (hosts.size() == SHOWN) {
                more = true;
            }
            if (!more && !Json.text(rule, "host").isEmpty()) {
                hosts.add(Json.text(rule, "host"));
            }
        }
        if (hosts.isEmpty()) {
            return "*";
        }
        String joined = String.join(",", hosts);
        return more ? joined + " + " + (rules.size() - SHOWN) + " more..." : joined;
    }
}
