package dev.skiff.engine.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.net.ServiceTable.PortEntry;
import dev.skiff.engine.net.ServiceTable.ServiceEntry;
import dev.skiff.engine.net.dns.ClusterDns;
import dev.skiff.engine.net.dns.DnsRecords;
import dev.skiff.engine.net.ingress.IngressClassFilter;
import dev.skiff.engine.net.ingress.IngressProxy;
import dev.skiff.engine.net.ingress.IngressRoutes;
import dev.skiff.engine.net.ingress.IngressStatus;
import dev.skiff.engine.net.proxy.Affinity;
import dev.skiff.engine.net.proxy.ListenerBindException;
import dev.skiff.engine.net.proxy.Protocol;
import dev.skiff.engine.net.proxy.ServiceProxy;
import dev.skiff.engine.store.StoredObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine's data planes in step with the store: the service proxy (a listener per cluster IP and
 * port, plus node ports and load-balancer ports on the host), cluster DNS, and the ingress proxy. Any change to
 * Services, EndpointSlices, Endpoints, Ingresses or Secrets rebuilds one {@link ServiceTable} and applies the
 * differences; changes arriving together are applied together. A pod being stopped is taken out of rotation
 * at once through {@link #outOfRotation}, before its containers hear of it.
 */
public final class NetworkController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetworkController.class);
    private static final String SYNC = "sync";
    private static final RequestContext SELF = RequestContext.system("system:skiff:network");
    static final String INGRESS_CLASS = "skiff";

    private final GenericRegistry registry;
    private final ResourceType services;
    private final ResourceType slices;
    private final ResourceType endpoints;
    private final ResourceType ingresses;
    private final ResourceType secrets;
    private final ServiceProxy proxy;
    private final ClusterDns dns;
    private final IngressProxy ingress;
    private final String hostIp;
    private final WorkQueue queue = new WorkQueue();
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    private volatile ServiceTable table = new ServiceTable(List.of());
    private final Set<String> applied = new HashSet<>();
    private EventFeed feed;
    private ControllerLoop loop;

    public NetworkController(GenericRegistry registry, ResourceRegistry resources, ServiceProxy proxy,
                             ClusterDns dns, IngressProxy ingress, String hostIp) {
        this.registry = registry;
        this.services = resources.byKind("", "Service").orElseThrow();
        this.slices = resources.byKind("discovery.k8s.io", "EndpointSlice").orElseThrow();
        this.endpoints = resources.byKind("", "Endpoints").orElseThrow();
        this.ingresses = resources.byKind("networking.k8s.io", "Ingress").orElseThrow();
        this.secrets = resources.byKind("", "Secret").orElseThrow();
        this.proxy = proxy;
        this.dns = dns;
        this.ingress = ingress;
        this.hostIp = hostIp;
    }

    public NetworkController start() {
        long revision = registry.store().currentRevision();
        sync();
        feed = EventFeed.start("network", registry.store(), revision, List.of(services.keyPrefix(),
                slices.keyPrefix(), endpoints.keyPrefix(), ingresses.keyPrefix(), secrets.keyPrefix()),
                e -> queue.add(SYNC));
        loop = new ControllerLoop("network", queue, key -> sync()).start(1);
        return this;
    }

    /** The current view of every Service, for the ingress resolver and tests. */
    public ServiceTable table() {
        return table;
    }

    /** Takes a pod's address out of every Service and Ingress now; it stays out while the pod is stopped. */
    public void outOfRotation(String podIp) {
        if (draining.add(podIp)) {
            sync();
        }
    }

    private List<JsonNode> all(ResourceType type) {
        List<JsonNode> result = new ArrayList<>();
        for (StoredObject o : registry.store().list(type.keyPrefix(), null, 0, x -> true).items()) {
            result.add(Json.parseStored(o.value()));
        }
        return result;
    }

    private synchronized void sync() {
        List<JsonNode> slicesNow = all(slices);
        Set<String> known = new HashSet<>();
        for (JsonNode s : slicesNow) {
            s.path("endpoints").forEach(e -> e.path("addresses").forEach(a -> known.add(a.asText())));
        }
        draining.retainAll(known); // a stopped pod's address may be given to a new pod later
        List<JsonNode> servicesNow = all(services);
        ServiceTable next = ServiceTable.build(servicesNow, slicesNow, all(endpoints), Set.copyOf(draining));
        table = next;
        applyProxy(next);
        for (JsonNode svc : servicesNow) {
            if ("LoadBalancer".equals(svc.path("spec").path("type").asText())) {
                publishLoadBalancer(services, svc); // served on the host, as a cloud's controller would say
            }
        }
        dns.update(dnsRecords(next));
        applyIngress();
    }

    private void applyProxy(ServiceTable next) {
        Set<String> wanted = new HashSet<>();
        for (ServiceEntry svc : next.services()) {
            if (svc.clusterIp().isEmpty()) {
                continue;
            }
            for (PortEntry port : svc.ports()) {
                String key = svc.key() + ":" + (port.name().isEmpty() ? Integer.toString(port.port()) : port.name());
                List<InetSocketAddress> listen = new ArrayList<>();
                listen.add(new InetSocketAddress(svc.clusterIp().get(), port.port()));
                if (port.nodePort() != 0) {
                    // the node's address only: a wildcard bind would keep pods from binding the same port
                    listen.add(new InetSocketAddress(hostIp, port.nodePort()));
                }
                if (svc.type().equals("LoadBalancer")) {
                    listen.add(new InetSocketAddress(hostIp, port.port()));
                }
                Affinity affinity = svc.clientIpAffinity()
                        ? Affinity.clientIp(java.time.Duration.ofSeconds(svc.affinityTimeoutSeconds())) : Affinity.NONE;
                wanted.add(key);
                try {
                    proxy.apply(key, listen, Protocol.of(port.protocol()), port.readyEndpoints(), affinity);
                } catch (ListenerBindException | UnsupportedOperationException e) {
                    log.warn("service {}: {}", key, e.getMessage());
                }
            }
        }
        for (String key : applied) {
            if (!wanted.contains(key)) {
                proxy.remove(key);
            }
        }
        applied.clear();
        applied.addAll(wanted);
    }

    /** Writes {@code status.loadBalancer} (the node's address) on a Service or Ingress that lacks it. */
    private void publishLoadBalancer(ResourceType type, JsonNode object) {
        ObjectNode wanted = IngressStatus.loadBalancerStatus(hostIp);
        if (Json.sameValue(object.path("status").path("loadBalancer"), wanted)) {
            return;
        }
        try {
            registry.guaranteedUpdate(type, Json.text(object, "metadata.namespace"), Json.text(object, "metadata.name"),
                    SELF, Subresource.STATUS, current -> {
                        Json.child(current, "status").set("loadBalancer", wanted);
                        return current;
                    });
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static DnsRecords dnsRecords(ServiceTable table) {
        DnsRecords.Builder records = DnsRecords.builder();
        for (ServiceEntry svc : table.services()) {
            List<DnsRecords.Endpoint> ready = new ArrayList<>();
            for (String address : svc.readyAddresses()) {
                literal(address).ifPresent(a -> ready.add(DnsRecords.Endpoint.of(a)));
            }
            List<DnsRecords.Port> ports = new ArrayList<>();
            for (PortEntry p : svc.ports()) {
                if (!p.name().isEmpty()) {
                    ports.add(p.protocol().equals("UDP") ? DnsRecords.Port.udp(p.name(), p.port())
                            : DnsRecords.Port.tcp(p.name(), p.port()));
                }
            }
            try {
                records.service(svc.namespace(), svc.name(), svc.clusterIp().flatMap(NetworkController::literal),
                        ready, ports, svc.type().equals("ExternalName") ? svc.externalName() : Optional.empty());
            } catch (IllegalArgumentException e) {
                log.debug("no DNS records for {}: {}", svc.key(), e.getMessage());
            }
        }
        return records.build();
    }

    private static Optional<InetAddress> literal(String ip) {
        try {
            return Optional.of(InetAddress.getByName(ip)); // a literal address: no lookup happens
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private void applyIngress() {
        List<ObjectNode> list = new ArrayList<>();
        for (JsonNode i : all(ingresses)) {
            list.add((ObjectNode) i);
        }
        IngressRoutes routes = IngressRoutes.from(list, key -> registry.store().get(secrets.keyPrefix() + key)
                .map(o -> Json.parseStored(o.value())), INGRESS_CLASS, true);
        ingress.update(routes);
        for (ObjectNode i : list) {
            if (IngressClassFilter.serves(i, INGRESS_CLASS, true)) {
                publishLoadBalancer(ingresses, i);
            }
        }
    }

    /** Ready endpoints of a Service port for the ingress proxy, from the current table. */
    public List<InetSocketAddress> readyEndpoints(String namespace, String service, String portNameOrNumber) {
        return table.find(namespace, service).flatMap(svc -> svc.ports().stream()
                .filter(p -> p.name().equals(portNameOrNumber) || Integer.toString(p.port()).equals(portNameOrNumber))
                .findFirst()).map(PortEntry::readyEndpoints).orElse(List.of());
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        if (loop != null) {
            loop.close();
        }
    }
}
