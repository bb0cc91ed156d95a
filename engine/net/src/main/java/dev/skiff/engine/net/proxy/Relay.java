package dev.skiff.engine.net.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/**
 * Carries bytes one way, from the channel it sits on to its peer (the other half of a proxied connection).
 * The buffers read are written on as they are, without copying. Reading pauses while the peer cannot take
 * more (its outbound buffer is over the high water mark) and resumes when it drains, so a fast sender never
 * fills memory. End of input becomes a shutdown of the peer's output once everything before it was written;
 * when both directions have ended, both channels close.
 */
final class Relay extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    Relay(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            peer.flush();
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This channel is the peer of the other direction's relay: let that side read again once we drained.
        if (ctx.channel().isWritable() && !((DuplexChannel) peer).isInputShutdown()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded(ctx.channel());
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** {@code self} reached the end of its input: end the peer's output once everything before is written. */
    void inputEnded(Channel self) {
        if (((DuplexChannel) self).isOutputShutdown()) {
            // The other way ended already: closing both (after the last writes) is all that is left, and
            // cheaper than one more shutdown.
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
                peer.close();
                self.close();
            });
            return;
        }
        // shutdownOutput() would fail writes still queued: wait until they are out.
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess() && peer.isActive()) {
                ((DuplexChannel) peer).shutdownOutput().addListener((ChannelFutureListener) shut -> {
                    // The peer's end of input now ends everything: let the channel close itself then (and our
                    // channelInactive close the other half) instead of half-closing a socket that is done.
                    peer.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
                    closeWhenBothWaysEnded(self);
                });
            }
        });
    }

    private void closeWhenBothWaysEnded(Channel self) {
        if (((DuplexChannel) self).isOutputShutdown() && ((DuplexChannel) peer).isOutputShutdown()) {
            self.close();
            peer.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Typically a reset from this side: pass the reset on rather than a clean end of stream.
        Resets.reset(peer);
        ctx.close();
    }
}
