package dev.skiff.engine.net.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A UDP listen address of a Service port. Each client address gets a {@link UdpSession} with one endpoint;
 * replies leave from this socket, so the client hears them from the address it sent to (for a wildcard
 * listen address the kernel picks the source address).
 */
final class UdpListener extends SimpleChannelInboundHandler<DatagramPacket> implements Listener {

    /** Large enough for any UDP datagram: one that does not fit would be truncated. */
    private static final FixedRecvByteBufAllocator WHOLE_DATAGRAM = new FixedRecvByteBufAllocator(65536);

    private final InetSocketAddress address;
    private final ServicePort servicePort;
    private final Bootstrap toEndpoints;
    private final long idleTimeoutNanos;
    /** Touched only on the listener's event loop. */
    private final Map<InetSocketAddress, UdpSession> sessions = new HashMap<>();
    private Channel channel;

    private UdpListener(InetSocketAddress address, ServicePort servicePort, Bootstrap toEndpoints, long idleNanos) {
        this.address = address;
        this.servicePort = servicePort;
        this.toEndpoints = toEndpoints;
        this.idleTimeoutNanos = idleNanos;
    }

    /** Starts binding; once the future succeeded, {@link #bound} gives the listener. */
    static ChannelFuture bind(Transport transport, ProxySettings settings, ServicePort servicePort,
                              InetSocketAddress address) {
        Bootstrap toEndpoints = new Bootstrap()
                .group(transport.group())
                .channel(transport.datagramChannel())
                .disableResolver()
                .option(ChannelOption.RECVBUF_ALLOCATOR, WHOLE_DATAGRAM);
        UdpListener listener = new UdpListener(address, servicePort, toEndpoints,
                settings.udpSessionIdleTimeout().toNanos());
        ChannelFuture binding = new Bootstrap()
                .group(transport.group())
                .channel(transport.datagramChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(transport.reusePort(), true)
                .option(ChannelOption.RECVBUF_ALLOCATOR, WHOLE_DATAGRAM)
                .handler(listener)
                .bind(address);
        listener.channel = binding.channel();
        return binding;
    }

    static UdpListener bound(ChannelFuture binding) {
        return (UdpListener) binding.channel().pipeline().first();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress client = packet.sender();
        UdpSession session = sessions.get(client);
        if (session == null) {
            Attempts attempts = servicePort.picker().attemptsFor(client.getAddress());
            if (attempts.isEmpty()) {
                return;
            }
            InetSocketAddress endpoint = attempts.endpoint(0);
            servicePort.picker().connected(client.getAddress(), endpoint);
            UdpSession opened = UdpSession.open(toEndpoints, ctx.channel(), client, endpoint, idleTimeoutNanos);
            sessions.put(client, opened);
            servicePort.connectionOpened();
            opened.channel().closeFuture().addListener(closed -> {
                sessions.remove(client, opened);
                servicePort.connectionClosed();
            });
            session = opened;
        }
        session.send(packet.content().retain());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error for one client's reply must not stop the service: keep listening.
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void endpointsChanged(List<InetSocketAddress> ready) {
        // Like Kubernetes clearing conntrack entries: a client of a gone endpoint moves on with its next datagram.
        channel.eventLoop().execute(() -> List.copyOf(sessions.values()).stream()
                .filter(session -> !ready.contains(session.endpoint()))
                .forEach(UdpSession::close));
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        channel.eventLoop().submit(() -> List.copyOf(sessions.values()).forEach(UdpSession::close))
                .syncUninterruptibly();
    }
}
