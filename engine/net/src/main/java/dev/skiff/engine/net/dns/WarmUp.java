package dev.skiff.engine.net.dns;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Runs a few queries through the UDP pipeline in memory before the server opens, so that class loading
 * and the interpreter's first pass (a few hundred milliseconds on a busy machine) are not paid by the
 * first Pod that asks.
 */
final class WarmUp {

    private static final int ROUNDS = 200;

    private WarmUp() {
    }

    static void run(QueryHandler handler, String domain) {
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 53000);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 53);
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramDnsQueryDecoder(), new DatagramResponseEncoder(), handler);
        try {
            String[] names = {"kubernetes.default.svc." + domain, "nope.default.svc." + domain,
                "dns-version." + domain, "127-0-0-1.default.pod." + domain};
            for (int i = 0; i < ROUNDS; i++) {
                byte[] query = query(i, names[i % names.length]);
                channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(query), server, client));
                Object reply;
                while ((reply = channel.readOutbound()) != null) {
                    ReferenceCountUtil.release(reply);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** An A query with an EDNS OPT record, as a stub resolver sends it. */
    private static byte[] query(int id, String name) {
        byte[] question = RecordData.name(name);
        byte[] message = new byte[12 + question.length + 4 + 11];
        message[0] = (byte) (id >>> 8);
        message[1] = (byte) id;
        message[2] = 0x01; // RD
        message[5] = 1; // one question
        message[11] = 1; // one additional: OPT
        System.arraycopy(question, 0, message, 12, question.length);
        int at = 12 + question.length;
        message[at + 1] = 1; // type A
        message[at + 3] = 1; // class IN
        at += 4;
        message[at + 2] = 41; // root name (0), type OPT
        message[at + 3] = (byte) (EdnsOption.PAYLOAD_SIZE >>> 8);
        message[at + 4] = (byte) EdnsOption.PAYLOAD_SIZE;
        return message;
    }
}
