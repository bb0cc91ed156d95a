package dev.skiff.engine.net.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import java.util.List;

/**
 * A name that exists in the cluster zone and its record sets. A node with no sets is an empty
 * non-terminal (e.g. {@code svc.cluster.local}): it exists, so queries for it get NODATA, not NXDOMAIN.
 *
 * @param sets  the record sets, one per type
 * @param alias the target of the name's CNAME record in {@link DnsNames#key} form, or null
 */
record ZoneNode(List<RecordSet> sets, String alias) {

    static final ZoneNode EMPTY = new ZoneNode(List.of(), null);

    ZoneNode {
        sets = List.copyOf(sets);
    }

    /** The set of the given type, or null. A node has a handful of sets, so a scan beats a map. */
    RecordSet find(DnsRecordType type) {
        for (int i = 0, n = sets.size(); i < n; i++) {
            RecordSet set = sets.get(i);
            if (set.type().equals(type)) {
                return set;
            }
        }
        return null;
    }

    /** The CNAME record at this name, or null. */
    ResourceRecord cname() {
        if (alias == null) {
            return null;
        }
        return find(DnsRecordType.CNAME).records().get(0);
    }
}
