package dev.skiff.engine.net.dns;

import io.netty.handler.codec.dns.AbstractDnsOptPseudoRrRecord;

/** The OPT pseudo-record (RFC 6891) a response carries when its query carried one. */
final class EdnsOption extends AbstractDnsOptPseudoRrRecord {

    /** UDP payload size advertised and honoured: the DNS Flag Day 2020 value, safe from fragmentation. */
    static final int PAYLOAD_SIZE = 1232;

    /** Bytes the record takes in a message: root name, type, class, TTL, empty RDATA. */
    static final int WIRE_LENGTH = 11;

    EdnsOption() {
        super(PAYLOAD_SIZE);
    }
}
