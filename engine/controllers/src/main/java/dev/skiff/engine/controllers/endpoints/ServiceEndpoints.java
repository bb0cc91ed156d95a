package dev.skiff.engine.controllers.endpoints;

import dev.skiff.engine.controllers.Conditions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Service's endpoints are, from the pods its selector picks: each pod's address with the ready, serving
 * and terminating conditions, and the service ports resolved against the pod (a named targetPort is looked up
 * in its containers' ports). Pods that resolve the ports the same way form one group, as one EndpointSlice
 * (and one Endpoints subset) holds one port list.
 */
final class ServiceEndpoints {
    private ServiceEndpoints() {
    }

    /** One pod as an endpoint. */
    record Endpoint(String ip, String nodeName, String podName, String podUid, boolean ready, boolean serving,
                    boolean terminating) {
    }

    /** A resolved service port. */
    record Port(String name, int port, String protocol) {
    }

    /** The endpoints that share one port list. */
    record Group(List<Port> ports, List<Endpoint> endpoints) {
    }

    static List<Group> of(JsonNode service, List<? extends JsonNode> pods) {
        boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
        Map<List<Port>, List<Endpoint>> groups = new LinkedHashMap<>();
        for (JsonNode pod : pods) {
            String ip = pod.path("status").path("podIP").asText("");
            String phase = pod.path("status").path("phase").asText("");
            if (ip.isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
                continue;
            }
            List<Port> ports = resolvePorts(service, pod);
            boolean terminating = pod.path("metadata").has("deletionTimestamp");
            boolean podReady = Conditions.isTrue(pod, "Ready");
            Endpoint e = new Endpoint(ip, pod.path("spec").path("nodeName").asText(null),
                    pod.path("metadata").path("name").asText(), pod.path("metadata").path("uid").asText(),
                    publishNotReady || (podReady && !terminating), publishNotReady || podReady, terminating);
            groups.computeIfAbsent(ports, k -> new ArrayList<>()).add(e);
        }
        List<Group> result = new ArrayList<>();
        groups.forEach((ports, endpoints) -> {
            endpoints.sort(java.util.Comparator.comparing(Endpoint::ip));
            result.add(new Group(ports, endpoints));
        });
        return result;
    }


    private static List<Port> resolvePorts(JsonNode service, JsonNode pod) {
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : service.path("spec").path("ports")) {
            String protocol = p.path("protocol").asText("TCP");
            JsonNode target = p.path("targetPort");
            int port;
            if (target.isInt() || (target.isTextual() && target.asText().matches("\\d+"))) {
                port = target.asInt();
            } else if (target.isTextual()) {
                port = containerPort(pod, target.asText(), protocol);
                if (port == 0) {
                    continue; // this pod does not have the named port: not an endpoint for it
                }
            } else {
                port = p.path("port").asInt();
            }
            ports.add(new Port(p.path("name").asText(""), port, protocol));
        }
        return ports;
    }

    private static int containerPort(JsonNode pod, String name, String protocol) {
        for (JsonNode c : pod.path("spec").path("containers")) {
            for (JsonNode p : c.path("ports")) {
                if (name.equals(p.path("name").asText()) && protocol.equals(p.path("protocol").asText("TCP"))) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return 0;
    }

    /** The Endpoints object's subsets: ready addresses, not-ready ones; terminating pods left out. */
    static ArrayNode subsets(List<Group> groups, String namespace) {
        ArrayNode subsets = Json.NODES.arrayNode();
        for (Group g : groups) {
            ArrayNode ready = Json.NODES.arrayNode();
            ArrayNode notReady = Json.NODES.arrayNode();
            for (Endpoint e : g.endpoints()) {
                if (e.terminating() && !e.ready()) {
                    continue;
                }
                (e.ready() ? ready : notReady).add(address(e, namespace));
            }
            if (ready.isEmpty() && notReady.isEmpty()) {
                continue;
            }
            ObjectNode subset = subsets.addObject();
            if (!ready.isEmpty()) {
                subset.set("addresses", ready);
            }
            if (!notReady.isEmpty()) {
                subset.set("notReadyAddresses", notReady);
            }
            ArrayNode ports = subset.putArray("ports");
            for (Port p : g.ports()) {
                ObjectNode port = ports.addObject();
                if (!p.name().isEmpty()) {
                    port.put("name", p.name());
                }
                port.put("port", p.port()).put("protocol", p.protocol());
            }
        }
        return subsets;
    }

    static ObjectNode address(Endpoint e, String namespace) {
        ObjectNode a = Json.object();
        a.put("ip", e.ip());
        if (e.nodeName() != null) {
            a.put("nodeName", e.nodeName());
        }
        a.set("targetRef", targetRef(e, namespace));
        return a;
    }

    static ObjectNode targetRef(Endpoint e, String namespace) {
        ObjectNode ref = Json.object();
        ref.put("kind", "Pod").put("namespace", namespace).put("name", e.podName()).put("uid", e.podUid());
        return ref;
    }
}
