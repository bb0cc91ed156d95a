package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Endpoints: NAME ENDPOINTS AGE, ENDPOINTS listing the first three ready {@code ip:port} pairs. */
final class EndpointsPrinter extends TablePrinter {

    private static final int SHOWN = 3;

    EndpointsPrinter() {
        super(ColumnDefinition.objectName(),
                string("Endpoints", "The ready addresses and ports behind the service."),
                ColumnDefinition.age());
    }

    @Override
    void print(JsonNode endpoints, Instant now, Cells cells) {
        cells.text(name(endpoints)).text(format(endpoints)).text(age(endpoints, now));
    }

    private static String format(JsonNode endpoints) {
        List<JsonNode> subsets = Json.items(endpoints, "subsets");
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> shown = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode subset : subsets) {
            List<JsonNode> addresses = Json.items(subset, "addresses");
            List<JsonNode> ports = Json.items(subset, "ports");
            if (ports.isEmpty()) {
                // A headless service may have no ports.
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (shown.size() == SHOWN) {
                        more = true;
                        break;
                    }
                    shown.add(Json.text(address, "ip"));
                }
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (shown.size() == SHOWN) {
                        more = true;
                        break;
                    }
                    shown.add(hostPort(Json.text(address, "ip"), Json.number(port, "port")));
                }
            }
        }
        String joined = String.join(",", shown);
        return more ? joined + " + " + (count - SHOWN) + " more..." : joined;
    }

    // net.JoinHostPort: IPv6 addresses go in brackets.
    private static String hostPort(String ip, long port) {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
