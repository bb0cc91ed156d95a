package dev.skiff.engine.net.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

/** Closing a TCP connection with RST rather than FIN, so that the client sees "connection reset" at once. */
final class Resets {

    private Resets() {
    }

    static void reset(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        try {
            // SO_LINGER 0 makes close() send RST and drop unsent data.
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException ignored) {
            // the socket is already gone; a plain close is all that is left
        }
        channel.close();
    }
}
