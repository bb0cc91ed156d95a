package dev.skiff.engine.net.proxy;

import io.netty.channel.Channel;
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
 * The client half of one proxied connection. Until an endpoint accepted, the client is not read from, so
 * nothing has been sent when an endpoint refuses or times out and the next one can be tried; with no ready
 * endpoint, or none that accepts, the client is reset at once. Once joined, it hands everything to a
 * {@link Relay} towards the endpoint (kept here rather than swapped into the pipeline: one less change per
 * connection).
 *
 * <p>Epoll still reads a client that ended its output (EPOLLRDHUP) while reading is off: what arrives that way
 * is kept and handed to the endpoint once connected, and so is the end of input.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter {

    private final ServicePort servicePort;
    private final TcpEndpoints endpoints;
    private Attempts attempts;
    private InetAddress clientIp;
    private Channel endpoint;
    private Relay relay;
    private List<Object> early;
    private boolean inputEnded;

    TcpConnection(ServicePort servicePort, TcpEndpoints endpoints) {
        this.servicePort = servicePort;
        this.endpoints = endpoints;
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
        connect(client, 0);
    }

    private void connect(Channel client, int attempt) {
        InetSocketAddress address = attempts.endpoint(attempt);
        endpoint = null;
        endpoints.connect(client, address).addListener((ChannelFutureListener) done -> {
            Channel joined = done.channel();
            if (!client.isActive()) {
                joined.close();
            } else if (done.isSuccess()) {
                servicePort.picker().connected(clientIp, address);
                join(client, joined);
            } else if (attempt + 1 < attempts.count()) {
                connect(client, attempt + 1);
            } else {
                Resets.reset(client);
            }
        });
    }

    private void join(Channel client, Channel joined) {
        endpoint = joined;
        joined.pipeline().addLast(new Relay(client));
        relay = new Relay(joined);
        if (early != null) {
            early.forEach(msg -> joined.write(msg, joined.voidPromise()));
            early = null;
            joined.flush();
        }
        if (inputEnded) {
            relay.inputEnded(client);
        } else {
            client.config().setAutoRead(true);
        }
        joined.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (relay != null) {
            relay.channelRead(ctx, msg);
        } else {
            if (early == null) {
                early = new ArrayList<>(2);
            }
            early.add(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.channelReadComplete(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.channelWritabilityChanged(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (relay != null) {
            relay.userEventTriggered(ctx, evt);
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.channelInactive(ctx);
            return;
        }
        if (early != null) {
            early.forEach(ReferenceCountUtil::release);
            early = null;
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (relay != null) {
            relay.exceptionCaught(ctx, cause);
        } else {
            ctx.close();
        }
    }
}
