package dev.skiff.engine.net.dns;

import java.util.Map;

/**
 * The cluster domain compiled for answering: every name that exists in it, with its records, in one
 * hash map, plus the PTR records for the cluster's addresses. Built once per {@link ClusterDns#update}
 * by {@link ZoneCompiler}; never changed afterwards, so any number of threads may read it.
 *
 * @param domain  the cluster domain in {@link DnsNames#key} form, e.g. {@code cluster.local.}
 * @param nodes   every name in the domain (including empty non-terminals) to its records
 * @param reverse in-addr.arpa / ip6.arpa names of ClusterIPs and endpoints to their PTR records
 * @param soa     the domain's SOA record, sent in the authority section of negative answers
 */
record ClusterZone(String domain, Map<String, ZoneNode> nodes, Map<String, ZoneNode> reverse, ResourceRecord soa) {

    /** Time to live of Service and pod records, CoreDNS's kubernetes plugin default. */
    static final long TTL = 5;

    ClusterZone {
        nodes = Map.copyOf(nodes);
        reverse = Map.copyOf(reverse);
    }

    /** The node for a name in {@link DnsNames#key} form, or null when the name does not exist. */
    ZoneNode node(String name) {
        return nodes.get(name);
    }

    /** True when the name is the cluster domain or below it. */
    boolean contains(String name) {
        return DnsNames.isWithin(name, domain);
    }
}
