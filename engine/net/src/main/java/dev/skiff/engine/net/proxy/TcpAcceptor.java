package dev.skiff.engine.net.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.util.concurrent.TimeUnit;

/**
 * Sits on a TCP listener: sets up each accepted client connection and hands it to one of the event loops.
 * (What Netty's ServerBootstrap does, without the per-connection initializer it would add and remove.)
 */
final class TcpAcceptor extends ChannelInboundHandlerAdapter {

    /** Per direction, what may wait in user space for a slow receiver before reading pauses. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);

    private final EventLoopGroup group;
    private final ServicePort servicePort;
    private final TcpEndpoints endpoints;

    TcpAcceptor(EventLoopGroup group, ServicePort servicePort, TcpEndpoints endpoints) {
        this.group = group;
        this.servicePort = servicePort;
        this.endpoints = endpoints;
    }

    /** The options of both halves of a proxied connection. */
    static void configure(Channel channel) {
        ChannelConfig config = channel.config();
        // Nothing is read from a client before its endpoint accepted (see TcpConnection).
        config.setAutoRead(false);
        config.setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        config.setOption(ChannelOption.TCP_NODELAY, true);
        config.setWriteBufferWaterMark(WATER_MARK);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel client = (Channel) msg;
        try {
            configure(client);
            client.pipeline().addLast(new TcpConnection(servicePort, endpoints));
            group.register(client).addListener((ChannelFutureListener) registered -> {
                if (!registered.isSuccess()) {
                    client.unsafe().closeForcibly();
                }
            });
        } catch (RuntimeException e) {
            client.unsafe().closeForcibly();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Accepting failed, typically out of file descriptors: pause for a second instead of spinning.
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            config.setAutoRead(false);
            ctx.channel().eventLoop().schedule(() -> config.setAutoRead(true), 1, TimeUnit.SECONDS);
        }
    }
}
