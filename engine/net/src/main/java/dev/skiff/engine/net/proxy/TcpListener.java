package dev.skiff.engine.net.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.List;

/** A TCP listen address of a Service port: accepts clients and joins each to a ready endpoint. */
final class TcpListener implements Listener {

    /** Per direction, what may wait in user space for a slow receiver before reading pauses. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(Integer.getInteger("skiff.proxy.high", 512 * 1024) / 4, Integer.getInteger("skiff.proxy.high", 512 * 1024));

    static final io.netty.channel.RecvByteBufAllocator RECV = new io.netty.channel.AdaptiveRecvByteBufAllocator(64, 2048, Integer.getInteger("skiff.proxy.recvMax", 65536)).maxMessagesPerRead(Integer.getInteger("skiff.proxy.maxReads", 16));
    private static final int HIGH = Integer.getInteger("skiff.proxy.high", 512 * 1024);

    private final InetSocketAddress address;
    private final Channel channel;

    private TcpListener(InetSocketAddress address, Channel channel) {
        this.address = address;
        this.channel = channel;
    }

    /** Starts binding; the future's channel is the listening socket. */
    static ChannelFuture bind(Transport transport, ProxySettings settings, ServicePort servicePort,
                              InetSocketAddress address) {
        Bootstrap toEndpoints = new Bootstrap()
                .group(transport.group())
                .channel(transport.socketChannel())
                .disableResolver()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, RECV);
        return new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(transport.reusePort(), true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECV)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel client) {
                        client.pipeline().addLast(new TcpConnection(servicePort, toEndpoints));
                    }
                })
                .bind(address);
    }

    static TcpListener bound(InetSocketAddress address, Channel channel) {
        return new TcpListener(address, channel);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void endpointsChanged(List<InetSocketAddress> ready) {
        // Established connections stay with their endpoint, as in Kubernetes; new ones follow the new list.
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
