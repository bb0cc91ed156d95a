package dev.skiff.engine.net.dns;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a DNS-over-TCP connection that has sent nothing for a while (CoreDNS allows 10 s), so idle
 * clients do not hold sockets open.
 */
final class TcpIdleTimeout extends ChannelInboundHandlerAdapter {

    private final long idleNanos;
    private long lastRead;
    private ScheduledFuture<?> check;

    TcpIdleTimeout(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastRead = System.nanoTime();
        schedule(ctx, idleNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        lastRead = System.nanoTime();
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> {
            long idle = System.nanoTime() - lastRead;
            if (idle >= idleNanos) {
                ctx.close();
            } else {
                schedule(ctx, idleNanos - idle);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
