package dev.skiff.engine.net.dns;

import io.netty.handler.codec.dns.DnsRecordType;
import java.util.List;

/**
 * The records of one type at one name, with the address records a resolver will want next (the
 * targets of SRV and NS records), which go in the additional section.
 */
record RecordSet(DnsRecordType type, List<ResourceRecord> records, List<ResourceRecord> additional) {

    RecordSet {
        records = List.copyOf(records);
        additional = List.copyOf(additional);
    }
}
