package dev.skiff.engine.net.dns;

import dev.skiff.engine.net.dns.Resolution.Answer;
import dev.skiff.engine.net.dns.Resolution.ExternalTarget;
import dev.skiff.engine.net.dns.Resolution.Forward;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers one question from a {@link ClusterZone}: records, CNAME chains, NODATA and NXDOMAIN (with the
 * SOA in the authority section, RFC 2308), pod names, and which questions go upstream. Pure: no I/O.
 */
final class ClusterResolver {

    /** Longest CNAME chain followed inside the zone; CoreDNS stops at 8 as well. */
    private static final int MAX_CHAIN = 8;

    private ClusterResolver() {
    }

    static Resolution resolve(ClusterZone zone, String questionName, DnsRecordType type) {
        String name = DnsNames.key(questionName);
        if (!zone.contains(name)) {
            ZoneNode pointers = zone.reverse().get(name);
            if (pointers != null && (type.equals(DnsRecordType.PTR) || type.equals(DnsRecordType.ANY))) {
                return new Answer(DnsResponseCode.NOERROR, true, pointers.sets().get(0).records(), List.of(), List.of());
            }
            return Forward.INSTANCE;
        }
        List<ResourceRecord> chain = List.of();
        ZoneNode node = lookup(zone, name);
        for (int hop = 0; ; hop++) {
            if (node == null) {
                return new Answer(DnsResponseCode.NXDOMAIN, true, chain, List.of(zone.soa()), List.of());
            }
            ResourceRecord cname = node.cname();
            if (cname == null || type.equals(DnsRecordType.CNAME) || type.equals(DnsRecordType.ANY)) {
                return records(zone, node, type, chain);
            }
            if (chain.isEmpty()) {
                chain = new ArrayList<>(2);
            }
            chain.add(cname);
            String target = node.alias();
            if (!zone.contains(target)) {
                return new ExternalTarget(new Answer(DnsResponseCode.NOERROR, true, chain, List.of(), List.of()),
                        target, type);
            }
            if (hop == MAX_CHAIN) {
                return new Answer(DnsResponseCode.NOERROR, true, chain, List.of(), List.of());
            }
            node = lookup(zone, target);
        }
    }

    private static ZoneNode lookup(ClusterZone zone, String name) {
        ZoneNode node = zone.node(name);
        return node != null ? node : PodNames.node(name, zone.domain());
    }

    private static Answer records(ClusterZone zone, ZoneNode node, DnsRecordType type, List<ResourceRecord> chain) {
        if (type.equals(DnsRecordType.ANY)) {
            List<ResourceRecord> answer = new ArrayList<>(chain);
            List<ResourceRecord> additional = new ArrayList<>();
            for (RecordSet set : node.sets()) {
                answer.addAll(set.records());
                additional.addAll(set.additional());
            }
            return found(zone, answer, additional);
        }
        RecordSet set = node.find(type);
        if (set == null) {
            return found(zone, chain, List.of());
        }
        if (chain.isEmpty()) {
            return new Answer(DnsResponseCode.NOERROR, true, set.records(), List.of(), set.additional());
        }
        List<ResourceRecord> answer = new ArrayList<>(chain);
        answer.addAll(set.records());
        return new Answer(DnsResponseCode.NOERROR, true, answer, List.of(), set.additional());
    }

    /** NOERROR with these records; with none, it is NODATA, which carries the SOA for negative caching. */
    private static Answer found(ClusterZone zone, List<ResourceRecord> answer, List<ResourceRecord> additional) {
        List<ResourceRecord> authority = answer.isEmpty() ? List.of(zone.soa()) : List.of();
        return new Answer(DnsResponseCode.NOERROR, true, answer, authority, additional);
    }
}
