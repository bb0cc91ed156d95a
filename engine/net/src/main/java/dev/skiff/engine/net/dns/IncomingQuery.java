package dev.skiff.engine.net.dns;

import io.netty.channel.Channel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;

/**
 * What the server keeps of a query while answering it: Netty releases the decoded query when the
 * handler returns, and forwarded answers arrive later.
 *
 * @param channel          the channel to answer on (the UDP socket, or the client's TCP connection)
 * @param client           the client's address for UDP; null for TCP
 * @param local            the server's address
 * @param id               the query's ID, echoed in the answer
 * @param opCode           the query's opcode
 * @param recursionDesired the RD flag, echoed
 * @param z                the Z bits (AD and CD), passed upstream
 * @param questionCount    how many questions the query had (only one is supported)
 * @param question         the first question, or null
 * @param opt              the query's OPT record, or null when the client does not speak EDNS; its
 *                         content is released with the query, so only its header fields outlive the handler
 */
record IncomingQuery(Channel channel, InetSocketAddress client, InetSocketAddress local, int id, DnsOpCode opCode,
                     boolean recursionDesired, int z, int questionCount, DnsQuestion question, DnsRecord opt) {

    /** Largest UDP answer a client without EDNS accepts (RFC 1035). */
    static final int PLAIN_UDP_LIMIT = 512;

    static IncomingQuery of(Channel channel, DnsQuery query) {
        InetSocketAddress client = null;
        InetSocketAddress local = null;
        if (query instanceof DatagramDnsQuery datagram) {
            client = datagram.sender();
            local = datagram.recipient();
        }
        if (local == null && channel.localAddress() instanceof InetSocketAddress address) {
            local = address;
        }
        int questions = query.count(DnsSection.QUESTION);
        DnsQuestion question = questions > 0 ? query.recordAt(DnsSection.QUESTION, 0) : null;
        DnsRecord opt = null;
        for (int i = 0, n = query.count(DnsSection.ADDITIONAL); i < n; i++) {
            DnsRecord record = query.recordAt(DnsSection.ADDITIONAL, i);
            if (record.type().equals(DnsRecordType.OPT)) {
                opt = record;
            }
        }
        return new IncomingQuery(channel, client, local, query.id(), query.opCode(), query.isRecursionDesired(),
                query.z(), questions, question, opt);
    }

    boolean overUdp() {
        return client != null;
    }

    /** Largest answer this client takes: its EDNS payload size (at most ours) over UDP, 64 KiB over TCP. */
    int sizeLimit() {
        if (!overUdp()) {
            return 65535;
        }
        if (opt == null) {
            return PLAIN_UDP_LIMIT;
        }
        int advertised = opt.dnsClass() & 0xffff;
        return Math.max(PLAIN_UDP_LIMIT, Math.min(advertised, EdnsOption.PAYLOAD_SIZE));
    }
}
