package dev.skiff.engine.net.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;

/** Opens connections to endpoints, each on the event loop of the client it will carry. */
final class TcpEndpoints {

    private final Transport transport;
    private final int connectTimeoutMillis;

    TcpEndpoints(Transport transport, ProxySettings settings) {
        this.transport = transport;
        this.connectTimeoutMillis = Math.toIntExact(settings.connectTimeout().toMillis());
    }

    /**
     * Connects to {@code endpoint} for {@code client}. The channel has no handler yet: the caller adds the relay
     * once it keeps the connection, so that a failed attempt (whose end of input epoll still reports) never
     * touches the client.
     */
    ChannelFuture connect(Channel client, InetSocketAddress endpoint) {
        Channel channel = transport.newSocketChannel();
        TcpAcceptor.configure(channel);
        channel.config().setConnectTimeoutMillis(connectTimeoutMillis);
        ChannelPromise connected = channel.newPromise();
        // Same event loop as the client: the two halves never hand buffers across threads. Registering from
        // that loop completes at once, so the connect starts without another trip through the task queue.
        client.eventLoop().register(channel).addListener((ChannelFutureListener) registered -> {
            if (registered.isSuccess()) {
                channel.connect(endpoint, connected);
            } else {
                channel.unsafe().closeForcibly();
                connected.setFailure(registered.cause());
            }
        });
        return connected;
    }
}
