package dev.skiff.engine.api.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.Admission;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.status.Status;
import dev.skiff.engine.api.text.GoQuote;
import dev.skiff.engine.api.validation.ServiceUpdateView;
import dev.skiff.engine.store.Store;
import dev.skiff.engine.store.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives Services their cluster IP (from {@link ServiceAddressRange}) and node ports (30000-32767) as the
 * Service registry does: an asked-for value must be in range and free, a missing one is the next free one, and
 * an update that leaves allocated values out keeps them. What is in use is read from the stored Services, so
 * allocations survive restarts; values handed out in the last minute count too, covering the moment between
 * allocating and storing.
 */
public final class ServiceAllocation implements Admission {
    private static final long RECENT_MILLIS = 60_000;

    private final Store store;
    private final Clock clock;
    private final Map<String, Instant> recentIps = new HashMap<>();
    private final Map<String, Instant> recentPorts = new HashMap<>();
    private int nextIp = ServiceAddressRange.FIRST + 11; // .1 and .10 are the kubernetes and DNS Services'
    private int nextPort = ServiceAddressRange.NODE_PORT_MIN;

    public ServiceAllocation(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ObjectNode mutate(Operation operation, ResourceType type, String subresource, String namespace,
                             String name, ObjectNode object, ObjectNode old, RequestContext ctx) {
        if (!type.group().isEmpty() || !type.kind().equals("Service") || subresource != null
                || operation == Operation.DELETE) {
            return object;
        }
        ObjectNode spec = Json.child(object, "spec");
        if (old != null) {
            ServiceUpdateView.prepare(spec, old.path("spec"));
        }
        synchronized (this) {
            Used used = used(namespace + "/" + Json.text(object, "metadata.name"));
            allocateClusterIp(spec, old == null ? null : old.path("spec"), used, object);
            allocateNodePorts(spec, used, object);
        }
        return object;
    }

    @Override
    public void validate(Operation operation, ResourceType type, String subresource, String namespace, String name,
                         ObjectNode object, ObjectNode old, RequestContext ctx) {
    }

    private record Used(Set<String> ips, Set<Integer> ports) {
    }

    /** The cluster IPs and node ports of every stored Service but this one, and those handed out recently. */
    private Used used(String self) {
        Set<String> ips = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (StoredObject o : store.list("/core/services/", null, 0, x -> true).items()) {
            JsonNode svc = Json.parseStored(o.value());
            if ((Json.text(svc, "metadata.namespace") + "/" + Json.text(svc, "metadata.name")).equals(self)) {
                continue;
            }
            svc.path("spec").path("clusterIPs").forEach(ip -> ips.add(ip.asText()));
            ips.add(svc.path("spec").path("clusterIP").asText(""));
            svc.path("spec").path("ports").forEach(p -> ports.add(p.path("nodePort").asInt(0)));
        }
        Instant cutoff = clock.instant().minusMillis(RECENT_MILLIS);
        recentIps.values().removeIf(at -> at.isBefore(cutoff));
        recentPorts.values().removeIf(at -> at.isBefore(cutoff));
        recentIps.keySet().stream().filter(k -> !k.startsWith(self + "=")).forEach(k -> ips.add(k.substring(
                k.indexOf('=') + 1)));
        recentPorts.keySet().stream().filter(k -> !k.startsWith(self + "=")).forEach(k -> ports.add(
                Integer.parseInt(k.substring(k.indexOf('=') + 1))));
        return new Used(ips, ports);
    }

    private void allocateClusterIp(ObjectNode spec, JsonNode oldSpec, Used used, ObjectNode svc) {
        String type = spec.path("type").asText("ClusterIP");
        if (type.equals("ExternalName")) {
            return;
        }
        String asked = spec.path("clusterIP").asText("");
        if (asked.equals("None")) {
            return;
        }
        String self = Json.text(svc, "metadata.namespace") + "/" + Json.text(svc, "metadata.name");
        if (!asked.isEmpty()) {
            if (oldSpec != null && asked.equals(oldSpec.path("clusterIP").asText(""))) {
                return; // kept from before
            }
            Integer address = ServiceAddressRange.parse(asked);
            if (address == null) {
                return; // validation says what is wrong with it
            }
            if (!ServiceAddressRange.contains(address)) {
                throw refused(svc, "spec.clusterIPs", "[]string{" + GoQuote.quote(asked) + "}", "failed to allocate IP "
                        + asked + ": the provided IP (" + asked + ") is not in the valid range. The range of valid "
                        + "IPs is " + ServiceAddressRange.CIDR);
            }
            if (used.ips().contains(asked)) {
                throw refused(svc, "spec.clusterIPs", "[]string{" + GoQuote.quote(asked) + "}", "failed to allocate IP "
                        + asked + ": provided IP is already allocated");
            }
            recentIps.put(self + "=" + asked, clock.instant());
            return;
        }
        for (int tries = 0; tries < ServiceAddressRange.SIZE; tries++) {
            int candidate = nextIp;
            nextIp = ServiceAddressRange.contains(nextIp + 1) ? nextIp + 1 : ServiceAddressRange.FIRST + 1;
            String ip = ServiceAddressRange.format(candidate);
            if (!ServiceAddressRange.contains(candidate) || used.ips().contains(ip)
                    || ip.equals(ServiceAddressRange.KUBERNETES_SERVICE_IP) && !isKubernetesService(svc)
                    || ip.equals(ServiceAddressRange.DNS_SERVICE_IP)) {
                continue;
            }
            spec.put("clusterIP", ip);
            spec.putArray("clusterIPs").add(ip);
            recentIps.put(self + "=" + ip, clock.instant());
            return;
        }
        throw Errors.internal("failed to allocate a serviceIP: range is full");
    }

    private static boolean isKubernetesService(JsonNode svc) {
        return "default".equals(Json.text(svc, "metadata.namespace")) && "kubernetes".equals(Json.text(svc,
                "metadata.name"));
    }

    private void allocateNodePorts(ObjectNode spec, Used used, ObjectNode svc) {
        String type = spec.path("type").asText("ClusterIP");
        if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
            return;
        }
        String self = Json.text(svc, "metadata.namespace") + "/" + Json.text(svc, "metadata.name");
        Set<Integer> mine = new HashSet<>();
        int index = 0;
        for (JsonNode port : spec.path("ports")) {
            int asked = port.path("nodePort").asInt(0);
            if (asked != 0) {
                if (used.ports().contains(asked) && !mine.contains(asked)) {
                    throw refused(svc, "spec.ports[" + index + "].nodePort", Integer.toString(asked),
                            "provided port is already allocated");
                }
                mine.add(asked);
                recentPorts.put(self + "=" + asked, clock.instant());
            }
            index++;
        }
        for (JsonNode port : spec.path("ports")) {
            if (port.path("nodePort").asInt(0) != 0) {
                continue;
            }
            int span = ServiceAddressRange.NODE_PORT_MAX - ServiceAddressRange.NODE_PORT_MIN + 1;
            for (int tries = 0; ; tries++) {
                if (tries == span) {
                    throw Errors.internal("failed to allocate a nodePort: range is full");
                }
                int candidate = nextPort;
                nextPort = nextPort == ServiceAddressRange.NODE_PORT_MAX ? ServiceAddressRange.NODE_PORT_MIN
                        : nextPort + 1;
                if (!used.ports().contains(candidate) && !mine.contains(candidate)) {
                    ((ObjectNode) port).put("nodePort", candidate);
                    mine.add(candidate);
                    recentPorts.put(self + "=" + candidate, clock.instant());
                    break;
                }
            }
        }
    }

    private static RuntimeException refused(JsonNode svc, String field, String value, String message) {
        return Errors.invalid("Service", "", Json.text(svc, "metadata.name"), List.of(new Status.Cause(
                "FieldValueInvalid", "Invalid value: " + value + ": " + message, field)));
    }
}
