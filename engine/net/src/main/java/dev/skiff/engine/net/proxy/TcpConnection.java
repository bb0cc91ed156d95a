package dev.skiff.engine.net.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One accepted client connection until it is joined to an endpoint. The client is not read from until an
 * endpoint accepted, so nothing has been sent when an endpoint refuses or times out and the next one can be
 * tried. With no ready endpoint, or none that accepts, the client is reset at once.
 *
 * <p>Epoll still reads a client that ended its output (EPOLLRDHUP) while reading is off: what arrives that way
 * is kept and handed to the endpoint once connected, and so is the end of input.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter {

    private final ServicePort servicePort;
    private final Bootstrap endpointBootstrap;
    private Attempts attempts;
    private InetAddress clientIp;
    private Channel endpoint;
    private final List<Object> early = new ArrayList<>(1);
    private boolean inputEnded;

    /** @param endpointBootstrap options and channel type for connections to endpoints; cloned per connection */
    TcpConnection(ServicePort servicePort, Bootstrap endpointBootstrap) {
        this.servicePort = servicePort;
        this.endpointBootstrap = endpointBootstrap;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        servicePort.connectionOpened();
        client.closeFuture().addListener(closed -> servicePort.connectionClosed());
        clientIp = ((InetSocketAddress) client.remoteAddress()).getAddress();
        attempts = servicePort.picker().attemptsFor(clientIp);
        if (attempts.isEmpty()) {
            Resets.reset(client);
            return;
        }
        connect(ctx, 0);
    }

    private void connect(ChannelHandlerContext ctx, int attempt) {
        Channel client = ctx.channel();
        InetSocketAddress address = attempts.endpoint(attempt);
        // Same event loop as the client: the two halves never hand buffers across threads.
        ChannelFuture connecting = endpointBootstrap.clone(client.eventLoop())
                .handler(new Relay(client))
                .connect(address);
        endpoint = connecting.channel();
        connecting.addListener((ChannelFutureListener) done -> {
            if (!client.isActive()) {
                done.channel().close();
            } else if (done.isSuccess()) {
                servicePort.picker().connected(clientIp, address);
                Channel joined = done.channel();
                Relay relay = new Relay(joined);
                ctx.pipeline().replace(this, "relay", relay);
                if (!early.isEmpty()) {
                    early.forEach(msg -> joined.write(msg, joined.voidPromise()));
                    early.clear();
                    joined.flush();
                }
                if (inputEnded) {
                    relay.inputEnded(client);
                } else {
                    client.config().setAutoRead(true);
                }
                joined.config().setAutoRead(true);
            } else if (attempt + 1 < attempts.count()) {
                connect(ctx, attempt + 1);
            } else {
                Resets.reset(client);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        early.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
