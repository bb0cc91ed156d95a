package dev.skiff.engine.net.dns;

import dev.skiff.engine.net.dns.Resolution.Answer;
import dev.skiff.engine.net.dns.Resolution.ExternalTarget;
import dev.skiff.engine.net.dns.Resolution.Forward;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers decoded queries, from UDP and TCP alike: cluster names from the current {@link ClusterZone},
 * other names through the {@link UpstreamForwarder}.
 */
@Sharable
final class QueryHandler extends SimpleChannelInboundHandler<DnsQuery> {

    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private final Supplier<ClusterZone> zone;
    private final UpstreamForwarder upstream;

    QueryHandler(Supplier<ClusterZone> zone, UpstreamForwarder upstream) {
        super(DnsQuery.class);
        this.zone = zone;
        this.upstream = upstream;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsQuery message) {
        IncomingQuery query = IncomingQuery.of(ctx.channel(), message);
        if (!query.opCode().equals(DnsOpCode.QUERY)) {
            reply(query, ResponseBuilder.error(query, DnsResponseCode.NOTIMP));
            return;
        }
        if (query.questionCount() != 1) {
            reply(query, ResponseBuilder.error(query, DnsResponseCode.FORMERR));
            return;
        }
        DnsQuestion question = query.question();
        int dnsClass = question.dnsClass() & 0xffff;
        if (dnsClass != DnsRecord.CLASS_IN && dnsClass != DnsRecord.CLASS_ANY) {
            reply(query, ResponseBuilder.error(query, DnsResponseCode.REFUSED));
            return;
        }
        Resolution resolution = ClusterResolver.resolve(zone.get(), question.name(), question.type());
        switch (resolution) {
            case Answer answer -> reply(query, ResponseBuilder.answer(query, answer));
            case Forward forward -> forward(query);
            case ExternalTarget external -> followExternalName(query, external);
        }
    }

    /** Passes the question upstream and the answer back, as the upstream wrote it but with the client's ID. */
    private void forward(IncomingQuery query) {
        upstream.exchange(query.question(), query.recursionDesired(), query.z(), query.opt(), !query.overUdp())
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        LOG.debug("no upstream answer for {}", query.question().name(), failure);
                        reply(query, ResponseBuilder.error(query, DnsResponseCode.SERVFAIL));
                        return;
                    }
                    answer.setShort(answer.readerIndex(), query.id());
                    if (query.overUdp()) {
                        query.channel().writeAndFlush(new DatagramPacket(answer, query.client(), query.local()));
                    } else {
                        ByteBuf framed = Unpooled.buffer(2).writeShort(answer.readableBytes());
                        query.channel().writeAndFlush(Unpooled.wrappedBuffer(framed, answer));
                    }
                });
    }

    /**
     * An ExternalName Service: the CNAME, then what the upstreams know of its target, so that a stub
     * resolver gets addresses in one answer (as CoreDNS does). If the upstreams do not answer, the CNAME
     * alone goes back and the client may follow it itself.
     */
    private void followExternalName(IncomingQuery query, ExternalTarget external) {
        Answer partial = external.partial();
        DnsQuestion targetQuestion = new DefaultDnsQuestion(external.target(), external.type());
        upstream.exchange(targetQuestion, true, 0, null, true).whenComplete((raw, failure) -> {
            if (failure != null) {
                reply(query, ResponseBuilder.answer(query, partial));
                return;
            }
            try (UpstreamAnswer answer = UpstreamAnswer.decode(raw, query.local())) {
                List<ResourceRecord> records = new ArrayList<>(partial.answer());
                records.addAll(answer.portableRecords());
                DnsResponseCode code = answer.code().equals(DnsResponseCode.NXDOMAIN)
                        ? DnsResponseCode.NXDOMAIN : DnsResponseCode.NOERROR;
                reply(query, ResponseBuilder.answer(query,
                        new Answer(code, true, records, partial.authority(), partial.additional())));
            } catch (Exception e) {
                LOG.debug("cannot read the upstream answer for {}", external.target(), e);
                reply(query, ResponseBuilder.answer(query, partial));
            }
        });
    }

    private static void reply(IncomingQuery query, DnsResponse response) {
        query.channel().writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel() instanceof DatagramChannel) {
            // one bad datagram (not a query, cut short) must not stop the server
            LOG.debug("dropped a datagram that is not a DNS query", cause);
            return;
        }
        LOG.debug("closing DNS connection from {}", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
