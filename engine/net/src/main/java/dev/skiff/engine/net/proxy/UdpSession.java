package dev.skiff.engine.net.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One UDP client's association with an endpoint: a socket connected to the endpoint carries the client's
 * datagrams there, and the endpoint's replies go back to the client from the service's listen socket. Ends
 * after a quiet spell with no datagram either way, when the endpoint is no longer ready, or on an ICMP error
 * (port unreachable), so that the client's next datagram picks an endpoint afresh.
 */
final class UdpSession extends ChannelInboundHandlerAdapter {

    private final InetSocketAddress client;
    private final InetSocketAddress endpoint;
    private final Channel listener;
    private final long idleTimeoutNanos;
    private ChannelFuture connected;
    private long lastActivityNanos;

    private UdpSession(InetSocketAddress client, InetSocketAddress endpoint, Channel listener, long idleNanos) {
        this.client = client;
        this.endpoint = endpoint;
        this.listener = listener;
        this.idleTimeoutNanos = idleNanos;
    }

    /** Opens a session on the listener's event loop; the returned session accepts datagrams at once. */
    static UdpSession open(Bootstrap toEndpoints, Channel listener, InetSocketAddress client,
                           InetSocketAddress endpoint, long idleTimeoutNanos) {
        UdpSession session = new UdpSession(client, endpoint, listener, idleTimeoutNanos);
        session.lastActivityNanos = System.nanoTime();
        session.connected = toEndpoints.clone(listener.eventLoop()).handler(session).connect(endpoint);
        session.scheduleIdleCheck(idleTimeoutNanos);
        return session;
    }

    InetSocketAddress endpoint() {
        return endpoint;
    }

    Channel channel() {
        return connected.channel();
    }

    /** Sends the client's datagram on to the endpoint; takes ownership of {@code data}. */
    void send(ByteBuf data) {
        lastActivityNanos = System.nanoTime();
        // Listeners run in the order added, so datagrams sent before the connect finished keep their order.
        connected.addListener((ChannelFutureListener) done -> {
            if (done.isSuccess() && done.channel().isActive()) {
                done.channel().writeAndFlush(data, done.channel().voidPromise());
            } else {
                data.release();
            }
        });
    }

    void close() {
        connected.channel().close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf content;
        if (msg instanceof DatagramPacket packet) {
            content = packet.content();
        } else if (msg instanceof ByteBuf buf) {
            content = buf;
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        lastActivityNanos = System.nanoTime();
        listener.write(new DatagramPacket(content, client), listener.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        listener.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void scheduleIdleCheck(long delayNanos) {
        Channel channel = connected.channel();
        channel.eventLoop().schedule(() -> {
            if (!channel.isOpen()) {
                return;
            }
            long quiet = System.nanoTime() - lastActivityNanos;
            if (quiet >= idleTimeoutNanos) {
                channel.close();
            } else {
                scheduleIdleCheck(idleTimeoutNanos - quiet);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
