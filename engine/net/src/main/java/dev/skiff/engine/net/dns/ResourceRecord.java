package dev.skiff.engine.net.dns;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;

/**
 * One resource record, its RDATA already in wire form so that answering a query only wraps bytes.
 *
 * @param name  owner name in {@link DnsNames#key} form
 * @param type  record type
 * @param ttl   time to live in seconds
 * @param rdata the RDATA bytes (names inside written uncompressed); never modified
 */
record ResourceRecord(String name, DnsRecordType type, long ttl, byte[] rdata) {

    /** Bytes this record takes in a message when its owner is written as {@code owner}. */
    int wireLength(String owner) {
        return DnsNames.wireLength(owner) + 10 + rdata.length;
    }

    /** The record for Netty's encoder, owned by {@code owner} (the question's spelling, or {@link #name}). */
    DnsRecord toNetty(String owner) {
        return new DefaultDnsRawRecord(owner, type, ttl, Unpooled.wrappedBuffer(rdata));
    }
}
