package dev.skiff.engine.net.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An upstream's answer decoded with Netty's codec, for merging into an answer of our own. */
final class UpstreamAnswer implements AutoCloseable {

    /**
     * Types whose RDATA holds no compressed name, so their bytes stay valid in another message (Netty
     * decompresses CNAME targets when it decodes them).
     */
    private static final Set<DnsRecordType> PORTABLE = Set.of(
            DnsRecordType.A, DnsRecordType.AAAA, DnsRecordType.CNAME, DnsRecordType.TXT);

    private static final Decoder DECODER = new Decoder();

    private final DnsResponse response;

    private UpstreamAnswer(DnsResponse response) {
        this.response = response;
    }

    /** Decodes and releases {@code raw}. */
    static UpstreamAnswer decode(ByteBuf raw, InetSocketAddress local) throws Exception {
        DatagramPacket packet = new DatagramPacket(raw, local, local);
        try {
            return new UpstreamAnswer(DECODER.decode(packet));
        } finally {
            packet.release();
        }
    }

    DnsResponseCode code() {
        return response.code();
    }

    /** The answer section's records of the portable types, as records of our own. */
    List<ResourceRecord> portableRecords() {
        int count = response.count(DnsSection.ANSWER);
        List<ResourceRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
            if (record instanceof DnsRawRecord raw && PORTABLE.contains(record.type())) {
                records.add(new ResourceRecord(DnsNames.key(raw.name()), raw.type(), raw.timeToLive(),
                        ByteBufUtil.getBytes(raw.content())));
            }
        }
        return records;
    }

    @Override
    public void close() {
        response.release();
    }

    /** Netty's datagram response decoder, used directly rather than in a pipeline. */
    private static final class Decoder extends DatagramDnsResponseDecoder {
        DnsResponse decode(DatagramPacket packet) throws Exception {
            return decodeResponse(null, packet);
        }
    }
}
