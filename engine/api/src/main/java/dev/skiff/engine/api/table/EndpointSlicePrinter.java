package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** EndpointSlices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, each list cut after three entries. */
final class EndpointSlicePrinter extends TablePrinter {

    private static final int SHOWN = 3;

    EndpointSlicePrinter() {
        super(ColumnDefinition.objectName(),
                string("AddressType", "The type of the slice's addresses: IPv4, IPv6 or FQDN."),
                string("Ports", "The ports of the slice's endpoints."),
                string("Endpoints", "The addresses of the slice's endpoints."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode slice, Instant now, Cells cells) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : Json.items(slice, "ports")) {
            if (Json.present(port, "port")) {
                ports.add(Long.toString(Json.number(port, "port")));
            } else if (Json.present(port, "name")) {
                ports.add(Json.text(port, "name"));
            } else {
                ports.add("*");
            }
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode endpoint : Json.items(slice, "endpoints")) {
            for (JsonNode address : Json.items(endpoint, "addresses")) {
                addresses.add(address.asText());
            }
        }
        cells.text(name(slice))
                .text(Json.text(slice, "addressType"))
                .text(listWithMore(ports))
                .text(listWithMore(addresses))
                .text(age(slice, now));
    }

    private static String listWithMore(List<String> all) {
        if (all.size() > SHOWN) {
            return String.join(",", all.subList(0, SHOWN)) + " + " + (all.size() - SHOWN) + " more...";
        }
        return all.isEmpty() ? "<unset>" : String.join(",", all);
    }
}
