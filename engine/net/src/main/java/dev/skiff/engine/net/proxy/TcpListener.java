package dev.skiff.engine.net.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.util.List;

/** A TCP listen address of a Service port: accepts clients and joins each to a ready endpoint. */
final class TcpListener implements Listener {

    private final InetSocketAddress address;
    private final Channel channel;

    private TcpListener(InetSocketAddress address, Channel channel) {
        this.address = address;
        this.channel = channel;
    }

    /** Starts binding; the future's channel is the listening socket. */
    static ChannelFuture bind(Transport transport, ProxySettings settings, ServicePort servicePort,
                              InetSocketAddress address) {
        ServerChannel server = transport.newServerSocketChannel();
        server.config().setOption(ChannelOption.SO_BACKLOG, 4096);
        server.config().setOption(ChannelOption.SO_REUSEADDR, true);
        server.config().setOption(transport.reusePort(), true);
        server.pipeline().addLast(new TcpAcceptor(transport.group(), servicePort,
                new TcpEndpoints(transport, settings)));
        ChannelPromise bound = server.newPromise();
        transport.group().register(server).addListener((ChannelFutureListener) registered -> {
            if (registered.isSuccess()) {
                server.bind(address, bound).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            } else {
                server.unsafe().closeForcibly();
                bound.setFailure(registered.cause());
            }
        });
        return bound;
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
