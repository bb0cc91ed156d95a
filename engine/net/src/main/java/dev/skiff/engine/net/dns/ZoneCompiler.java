package dev.skiff.engine.net.dns;

import dev.skiff.engine.net.dns.DnsRecords.Endpoint;
import dev.skiff.engine.net.dns.DnsRecords.Port;
import dev.skiff.engine.net.dns.DnsRecords.Service;
import io.netty.handler.codec.dns.DnsRecordType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@link DnsRecords} into a {@link ClusterZone}: the records the Kubernetes DNS specification
 * (schema 1.1.0, as CoreDNS serves it) asks for, written out once so that queries are map look-ups.
 */
final class ZoneCompiler {

    /** Schema version CoreDNS reports at {@code dns-version.<zone>}. */
    static final String SCHEMA_VERSION = "1.1.0";
    private static final long SCHEMA_TTL = 28800;

    private final String domain;
    private final Map<String, Map<DnsRecordType, PendingSet>> names = new HashMap<>();
    private final Map<String, Map<DnsRecordType, PendingSet>> reverse = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();

    private ZoneCompiler(String domain) {
        this.domain = domain;
    }

    /**
     * Compiles the records.
     *
     * @param domain     the cluster domain in {@link DnsNames#key} form
     * @param nameserver the address the server answers on, published as {@code ns.dns.<domain>}; empty
     *                   when it listens on a wildcard address
     * @param serial     the SOA serial; should grow with each update
     */
    static ClusterZone compile(DnsRecords records, String domain, Optional<InetAddress> nameserver, long serial) {
        ZoneCompiler compiler = new ZoneCompiler(domain);
        ResourceRecord soa = compiler.addApex(nameserver, serial);
        for (Service service : records.services()) {
            compiler.addService(service);
        }
        return new ClusterZone(domain, finish(compiler.names, compiler.aliases), finish(compiler.reverse, Map.of()), soa);
    }

    private ResourceRecord addApex(Optional<InetAddress> nameserver, long serial) {
        String nsName = "ns.dns." + domain;
        ResourceRecord soa = new ResourceRecord(domain, DnsRecordType.SOA, ClusterZone.TTL, RecordData.soa(
                nsName, "hostmaster." + domain, serial, 7200, 1800, 86400, (int) ClusterZone.TTL));
        set(names, domain, DnsRecordType.SOA).add(soa);
        PendingSet ns = set(names, domain, DnsRecordType.NS);
        ns.add(new ResourceRecord(domain, DnsRecordType.NS, ClusterZone.TTL, RecordData.name(nsName)));
        nameserver.ifPresent(address -> {
            ResourceRecord a = addressRecord(nsName, address);
            set(names, nsName, a.type()).add(a);
            ns.addAdditional(a);
        });
        exist(nsName);
        String version = "dns-version." + domain;
        set(names, version, DnsRecordType.TXT)
                .add(new ResourceRecord(version, DnsRecordType.TXT, SCHEMA_TTL, RecordData.text(SCHEMA_VERSION)));
        exist(version);
        exist("svc." + domain);
        exist("pod." + domain);
        return soa;
    }

    private void addService(Service service) {
        String base = service.name() + "." + service.namespace() + ".svc." + domain;
        exist(service.namespace() + ".svc." + domain);
        if (service.externalName().isPresent()) {
            String target = DnsNames.key(service.externalName().get());
            set(names, base, DnsRecordType.CNAME)
                    .add(new ResourceRecord(base, DnsRecordType.CNAME, ClusterZone.TTL, RecordData.name(target)));
            aliases.put(base, target);
            exist(base);
            return;
        }
        // SRV targets: the Service name for a ClusterIP, each endpoint's own name for a headless Service
        Map<String, List<ResourceRecord>> targets = new LinkedHashMap<>();
        service.clusterIp().ifPresent(ip -> {
            ResourceRecord a = addressRecord(base, ip);
            set(names, base, a.type()).add(a);
            targets.computeIfAbsent(base, key -> new ArrayList<>()).add(a);
            addPointer(ip, base);
        });
        for (Endpoint endpoint : service.readyEndpoints()) {
            String host = endpoint.hostname().orElseGet(() -> DnsNames.dashedAddress(endpoint.address())) + "." + base;
            ResourceRecord hostAddress = addressRecord(host, endpoint.address());
            set(names, host, hostAddress.type()).add(hostAddress);
            addPointer(endpoint.address(), host);
            if (service.headless()) {
                ResourceRecord serviceAddress = addressRecord(base, endpoint.address());
                set(names, base, serviceAddress.type()).add(serviceAddress);
                targets.computeIfAbsent(host, key -> new ArrayList<>()).add(hostAddress);
            }
            exist(host);
        }
        if (targets.isEmpty()) {
            // a headless Service without ready endpoints has no name at all: NXDOMAIN, as the spec says
            return;
        }
        exist(base);
        addServiceRecords(base, service.ports(), targets);
    }

    /**
     * SRV records: {@code _<port>._<proto>.<service>} for each named port, and the Service name itself
     * for all ports (as CoreDNS answers it). Priority 0; the weights of one answer share 100 equally,
     * CoreDNS's rule, so that clients spread evenly.
     */
    private void addServiceRecords(String base, List<Port> ports, Map<String, List<ResourceRecord>> targets) {
        int allWeight = weight(ports.size() * targets.size());
        PendingSet all = ports.isEmpty() ? null : set(names, base, DnsRecordType.SRV);
        int portWeight = weight(targets.size());
        for (Port port : ports) {
            PendingSet named = null;
            String portName = null;
            if (!port.name().isEmpty()) {
                portName = "_" + port.name() + "._" + port.protocol().toLowerCase(Locale.ROOT) + "." + base;
                named = set(names, portName, DnsRecordType.SRV);
                exist(portName);
            }
            for (Map.Entry<String, List<ResourceRecord>> target : targets.entrySet()) {
                all.add(new ResourceRecord(base, DnsRecordType.SRV, ClusterZone.TTL,
                        RecordData.srv(0, allWeight, port.port(), target.getKey())));
                all.addAdditional(target.getValue());
                if (named != null) {
                    named.add(new ResourceRecord(portName, DnsRecordType.SRV, ClusterZone.TTL,
                            RecordData.srv(0, portWeight, port.port(), target.getKey())));
                    named.addAdditional(target.getValue());
                }
            }
        }
    }

    private static int weight(int records) {
        return records == 0 ? 100 : Math.max(1, 100 / records);
    }

    private void addPointer(InetAddress address, String target) {
        String name = DnsNames.reverseName(address);
        set(reverse, name, DnsRecordType.PTR)
                .add(new ResourceRecord(name, DnsRecordType.PTR, ClusterZone.TTL, RecordData.name(target)));
    }

    private static ResourceRecord addressRecord(String name, InetAddress address) {
        DnsRecordType type = address instanceof Inet4Address ? DnsRecordType.A : DnsRecordType.AAAA;
        return new ResourceRecord(name, type, ClusterZone.TTL, address.getAddress());
    }

    /** Makes the name and every name between it and the domain exist. */
    private void exist(String name) {
        String current = name;
        while (DnsNames.isWithin(current, domain)) {
            names.computeIfAbsent(current, key -> new LinkedHashMap<>());
            if (current.equals(domain)) {
                return;
            }
            current = current.substring(current.indexOf('.') + 1);
        }
    }

    private static PendingSet set(Map<String, Map<DnsRecordType, PendingSet>> table, String name, DnsRecordType type) {
        return table.computeIfAbsent(name, key -> new LinkedHashMap<>())
                .computeIfAbsent(type, key -> new PendingSet(type));
    }

    private static Map<String, ZoneNode> finish(Map<String, Map<DnsRecordType, PendingSet>> table,
                                                Map<String, String> aliases) {
        Map<String, ZoneNode> nodes = new HashMap<>(table.size() * 2);
        table.forEach((name, sets) -> {
            if (sets.isEmpty()) {
                nodes.put(name, ZoneNode.EMPTY);
            } else {
                nodes.put(name, new ZoneNode(sets.values().stream().map(PendingSet::toRecordSet).toList(),
                        aliases.get(name)));
            }
        });
        return nodes;
    }

    /** A record set being collected; drops duplicates (two endpoints may share an address). */
    private static final class PendingSet {
        private final DnsRecordType type;
        private final Map<Object, ResourceRecord> records = new LinkedHashMap<>();
        private final Map<Object, ResourceRecord> additional = new LinkedHashMap<>();

        PendingSet(DnsRecordType type) {
            this.type = type;
        }

        void add(ResourceRecord record) {
            records.putIfAbsent(identity(record), record);
        }

        void addAdditional(ResourceRecord record) {
            additional.putIfAbsent(identity(record), record);
        }

        void addAdditional(List<ResourceRecord> list) {
            list.forEach(this::addAdditional);
        }

        RecordSet toRecordSet() {
            return new RecordSet(type, List.copyOf(records.values()), List.copyOf(additional.values()));
        }

        /** Records are the same when owner, type and RDATA are; a ByteBuffer compares its content. */
        private static Object identity(ResourceRecord record) {
            return List.of(record.name(), record.type(), ByteBuffer.wrap(record.rdata()));
        }
    }
}
