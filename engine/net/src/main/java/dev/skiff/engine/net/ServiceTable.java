package dev.skiff.engine.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every Service as the data plane needs it, built from the stored Services, EndpointSlices and Endpoints: its
 * cluster IP, type and ports, and per port the ready endpoints. Endpoints come from the Service's
 * EndpointSlices; for a Service without a selector, from the Endpoints object written by hand when it has no
 * slices. Addresses of pods being stopped ({@code draining}) are left out at once, before the slices say so.
 */
public record ServiceTable(List<ServiceEntry> services) {

    /** One port of a Service and where its traffic goes. */
    public record PortEntry(String name, int port, String protocol, int nodePort,
                            List<InetSocketAddress> readyEndpoints) {
    }

    /** One Service. {@code clusterIp} is empty for headless and ExternalName Services. */
    public record ServiceEntry(String namespace, String name, String type, Optional<String> clusterIp,
                               Optional<String> externalName, boolean clientIpAffinity, int affinityTimeoutSeconds,
                               List<PortEntry> ports, List<String> readyAddresses) {
        public String key() {
            return namespace + "/" + name;
        }
    }

    public Optional<ServiceEntry> find(String namespace, String name) {
        return services.stream().filter(s -> s.namespace().equals(namespace) && s.name().equals(name)).findFirst();
    }

    public static ServiceTable build(List<JsonNode> services, List<JsonNode> slices, List<JsonNode> endpoints,
                                     Set<String> draining) {
        Map<String, List<JsonNode>> slicesByService = new HashMap<>();
        for (JsonNode slice : slices) {
            String service = slice.path("metadata").path("labels").path("kubernetes.io/service-name").asText("");
            if (!service.isEmpty()) {
                slicesByService.computeIfAbsent(slice.path("metadata").path("namespace").asText() + "/" + service,
                        k -> new ArrayList<>()).add(slice);
            }
        }
        Map<String, JsonNode> endpointsByService = new HashMap<>();
        for (JsonNode ep : endpoints) {
            endpointsByService.put(ep.path("metadata").path("namespace").asText() + "/"
                    + ep.path("metadata").path("name").asText(), ep);
        }
        List<ServiceEntry> entries = new ArrayList<>();
        for (JsonNode svc : services) {
            String namespace = svc.path("metadata").path("namespace").asText();
            String name = svc.path("metadata").path("name").asText();
            JsonNode spec = svc.path("spec");
            String type = spec.path("type").asText("ClusterIP");
            String ip = spec.path("clusterIP").asText("");
            Optional<String> clusterIp = ip.isEmpty() || ip.equals("None") ? Optional.empty() : Optional.of(ip);
            List<JsonNode> mySlices = slicesByService.getOrDefault(namespace + "/" + name, List.of());
            boolean fromEndpoints = mySlices.isEmpty() && !spec.has("selector");
            List<PortEntry> ports = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            for (JsonNode p : spec.path("ports")) {
                String portName = p.path("name").asText("");
                String protocol = p.path("protocol").asText("TCP");
                List<InetSocketAddress> ready = fromEndpoints
                        ? fromEndpoints(endpointsByService.get(namespace + "/" + name), portName, protocol, draining)
                        : fromSlices(mySlices, portName, protocol, draining);
                ready.forEach(a -> {
                    if (!addresses.contains(a.getHostString())) {
                        addresses.add(a.getHostString());
                    }
                });
                ports.add(new PortEntry(portName, p.path("port").asInt(), protocol, p.path("nodePort").asInt(0),
                        ready));
            }
            entries.add(new ServiceEntry(namespace, name, type, clusterIp,
                    Optional.ofNullable(spec.path("externalName").asText(null)),
                    "ClientIP".equals(spec.path("sessionAffinity").asText()),
                    spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds").asInt(10800),
                    ports, addresses));
        }
        return new ServiceTable(List.copyOf(entries));
    }

    private static List<InetSocketAddress> fromSlices(List<JsonNode> slices, String portName, String protocol,
                                                      Set<String> draining) {
        List<InetSocketAddress> ready = new ArrayList<>();
        for (JsonNode slice : slices) {
            int port = -1;
            for (JsonNode p : slice.path("ports")) {
                if (portName.equals(p.path("name").asText("")) && protocol.equals(p.path("protocol").asText("TCP"))) {
                    port = p.path("port").asInt();
                }
            }
            if (port < 0) {
                continue;
            }
            for (JsonNode e : slice.path("endpoints")) {
                if (!e.path("conditions").path("ready").asBoolean(true)) {
                    continue;
                }
                for (JsonNode a : e.path("addresses")) {
                    if (!draining.contains(a.asText())) {
                        ready.add(new InetSocketAddress(a.asText(), port));
                    }
                }
            }
        }
        return ready;
    }

    private static List<InetSocketAddress> fromEndpoints(JsonNode endpoints, String portName, String protocol,
                                                         Set<String> draining) {
        List<InetSocketAddress> ready = new ArrayList<>();
        if (endpoints == null) {
            return ready;
        }
        for (JsonNode subset : endpoints.path("subsets")) {
            int port = -1;
            for (JsonNode p : subset.path("ports")) {
                if (portName.equals(p.path("name").asText("")) && protocol.equals(p.path("protocol").asText("TCP"))) {
                    port = p.path("port").asInt();
                }
            }
            if (port < 0) {
                continue;
            }
            for (JsonNode a : subset.path("addresses")) {
                if (!draining.contains(a.path("ip").asText())) {
                    ready.add(new InetSocketAddress(a.path("ip").asText(), port));
                }
            }
        }
        return ready;
    }
}
