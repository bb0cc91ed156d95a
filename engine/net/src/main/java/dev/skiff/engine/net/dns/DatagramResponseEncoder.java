package dev.skiff.engine.net.dns;

import io.netty.channel.AddressedEnvelope;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsResponse;

/**
 * Netty's datagram response encoder, made to let already-encoded datagrams (forwarded upstream
 * answers) pass: a {@code DatagramPacket} is an {@code AddressedEnvelope} too, and the stock encoder
 * would take it for a response.
 */
final class DatagramResponseEncoder extends DatagramDnsResponseEncoder {

    @Override
    public boolean acceptOutboundMessage(Object message) {
        return message instanceof AddressedEnvelope<?, ?> envelope && envelope.content() instanceof DnsResponse;
    }
}
