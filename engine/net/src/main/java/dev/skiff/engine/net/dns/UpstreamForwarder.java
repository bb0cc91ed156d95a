package dev.skiff.engine.net.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordEncoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the upstream name servers about names outside the cluster domain, as CoreDNS's {@code forward}
 * plugin does: over UDP from one socket, with a fresh random ID per exchange, trying the upstreams in
 * order, each for at most the timeout. When a TCP client's question gets a truncated UDP answer it is
 * asked again over TCP, so that client gets the whole answer.
 *
 * <p>The answer comes back as the upstream sent it; the caller puts the client's ID in. All state
 * lives on the socket's event loop, so it needs no locks.
 */
final class UpstreamForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamForwarder.class);
    private static final int HEADER = 12;
    private static final int TRUNCATED = 1 << 9;

    private final EventLoopGroup group;
    private final Transport transport;
    private final List<InetSocketAddress> upstreams;
    private final long timeoutNanos;
    private final Map<Integer, Exchange> pending = new HashMap<>();
    private Channel channel;

    UpstreamForwarder(EventLoopGroup group, Transport transport, List<InetSocketAddress> upstreams, Duration timeout) {
        this.group = group;
        this.transport = transport;
        this.upstreams = List.copyOf(upstreams);
        this.timeoutNanos = timeout.toNanos();
    }

    /** Opens the socket the questions go out on. */
    void start() throws InterruptedException {
        channel = new Bootstrap()
                .group(group)
                .channel(transport.datagram())
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        received(packet);
                    }
                })
                .bind(0)
                .sync()
                .channel();
    }

    boolean hasUpstreams() {
        return !upstreams.isEmpty();
    }

    /**
     * Sends one question upstream.
     *
     * @param question          the question
     * @param recursionDesired  the client's RD flag
     * @param z                 the client's Z bits (AD, CD)
     * @param opt               the client's OPT record or null; read now, not kept
     * @param tcpWhenTruncated  ask again over TCP when the UDP answer is truncated
     * @return the upstream's answer, which the caller must release; fails with a {@link TimeoutException}
     *         when no upstream answers
     */
    CompletableFuture<ByteBuf> exchange(DnsQuestion question, boolean recursionDesired, int z, DnsRecord opt,
                                        boolean tcpWhenTruncated) {
        CompletableFuture<ByteBuf> result = new CompletableFuture<>();
        if (upstreams.isEmpty()) {
            result.completeExceptionally(new TimeoutException("no upstream name servers"));
            return result;
        }
        byte[] message;
        try {
            message = encode(question, recursionDesired, z, opt);
        } catch (Exception e) {
            result.completeExceptionally(e);
            return result;
        }
        Exchange exchange = new Exchange(message, result, tcpWhenTruncated);
        channel.eventLoop().execute(() -> begin(exchange));
        return result;
    }

    private static byte[] encode(DnsQuestion question, boolean recursionDesired, int z, DnsRecord opt)
            throws Exception {
        ByteBuf out = Unpooled.buffer(64);
        try {
            out.writeShort(0); // the ID is chosen on the event loop
            out.writeShort((recursionDesired ? 1 << 8 : 0) | (z & 0x7) << 4);
            out.writeShort(1);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(opt != null ? 1 : 0);
            DnsRecordEncoder.DEFAULT.encodeQuestion(question, out);
            if (opt != null) {
                DnsRecordEncoder.DEFAULT.encodeRecord(opt, out);
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private void begin(Exchange exchange) {
        if (!channel.isActive()) {
            exchange.result.completeExceptionally(new IOException("cluster DNS is closed"));
            return;
        }
        if (pending.size() >= 60000) {
            exchange.result.completeExceptionally(new IOException("too many questions upstream"));
            return;
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1 << 16);
        } while (pending.containsKey(id));
        exchange.id = id;
        exchange.message[0] = (byte) (id >>> 8);
        exchange.message[1] = (byte) id;
        pending.put(id, exchange);
        send(exchange);
    }

    private void send(Exchange exchange) {
        InetSocketAddress upstream = upstreams.get(exchange.attempt);
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(exchange.message), upstream));
        exchange.timer = channel.eventLoop().schedule(() -> timedOut(exchange), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void timedOut(Exchange exchange) {
        if (pending.get(exchange.id) != exchange) {
            return;
        }
        LOG.debug("upstream {} did not answer within {} ms", upstreams.get(exchange.attempt),
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        exchange.attempt++;
        if (exchange.attempt < upstreams.size()) {
            send(exchange);
            return;
        }
        pending.remove(exchange.id);
        exchange.result.completeExceptionally(new TimeoutException("no upstream name server answered"));
    }

    private void received(DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (content.readableBytes() < HEADER) {
            return;
        }
        Exchange exchange = pending.get(content.getUnsignedShort(content.readerIndex()));
        if (exchange == null
                || !packet.sender().equals(upstreams.get(exchange.attempt))
                || !sameQuestion(exchange.message, content)) {
            return; // late, stray or spoofed
        }
        pending.remove(exchange.id);
        exchange.timer.cancel(false);
        boolean truncated = (content.getUnsignedShort(content.readerIndex() + 2) & TRUNCATED) != 0;
        if (truncated && exchange.tcpWhenTruncated) {
            askOverTcp(exchange, upstreams.get(exchange.attempt), content.retainedDuplicate());
            return;
        }
        exchange.result.complete(content.retainedDuplicate());
    }

    /** The answer repeats the question section byte for byte (upstreams echo the question's case). */
    private static boolean sameQuestion(byte[] message, ByteBuf answer) {
        int start = answer.readerIndex();
        if (answer.getUnsignedShort(start + 4) != 1) {
            return false;
        }
        int end = HEADER;
        while (end < message.length && message[end] != 0) {
            end += (message[end] & 0xff) + 1;
        }
        end += 5; // the root label, type and class
        if (answer.readableBytes() < end) {
            return false;
        }
        for (int i = 4; i < end; i++) {
            if (i >= 6 && i < HEADER) {
                continue; // the counts of the other sections differ
            }
            if (message[i] != answer.getByte(start + i)) {
                return false;
            }
        }
        return true;
    }

    /** Asks the same upstream over TCP; if that fails, the truncated UDP answer is passed on. */
    private void askOverTcp(Exchange exchange, InetSocketAddress upstream, ByteBuf truncated) {
        ChannelFuture connect = new Bootstrap()
                .group(channel.eventLoop())
                .channel(transport.socket())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel tcp) {
                        tcp.pipeline().addLast(new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2));
                        tcp.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                                if (!exchange.result.isDone()) {
                                    truncated.release();
                                    exchange.result.complete(frame.retain());
                                }
                                ctx.close();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                fallBack(exchange, truncated);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                LOG.debug("TCP exchange with upstream {} failed", upstream, cause);
                                ctx.close();
                            }
                        });
                    }
                })
                .connect(upstream);
        connect.addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                fallBack(exchange, truncated);
                return;
            }
            ByteBuf framed = Unpooled.buffer(2 + exchange.message.length);
            framed.writeShort(exchange.message.length).writeBytes(exchange.message);
            future.channel().writeAndFlush(framed);
            ScheduledFuture<?> timer = future.channel().eventLoop()
                    .schedule(() -> future.channel().close(), timeoutNanos, TimeUnit.NANOSECONDS);
            future.channel().closeFuture().addListener(closed -> timer.cancel(false));
        });
    }

    /** Runs on the event loop like everything else here, so "not done yet" cannot change underneath. */
    private static void fallBack(Exchange exchange, ByteBuf truncated) {
        if (!exchange.result.isDone()) {
            exchange.result.complete(truncated);
        }
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        channel.eventLoop().execute(() -> {
            IOException closed = new IOException("cluster DNS is closed");
            pending.values().forEach(exchange -> {
                exchange.timer.cancel(false);
                exchange.result.completeExceptionally(closed);
            });
            pending.clear();
        });
        channel.close().syncUninterruptibly();
    }

    /** One question on its way upstream. */
    private static final class Exchange {
        final byte[] message;
        final CompletableFuture<ByteBuf> result;
        final boolean tcpWhenTruncated;
        int id;
        int attempt;
        ScheduledFuture<?> timer;

        Exchange(byte[] message, CompletableFuture<ByteBuf> result, boolean tcpWhenTruncated) {
            this.message = message;
            this.result = result;
            this.tcpWhenTruncated = tcpWhenTruncated;
        }
    }
}
