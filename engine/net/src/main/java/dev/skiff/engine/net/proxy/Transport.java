package dev.skiff.engine.net.proxy;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.StandardSocketOptions;

/**
 * The event loops and channel types the proxy runs on: Linux epoll when the native library loads, Java NIO
 * otherwise. One group serves every listener and every proxied connection.
 *
 * <p>Listeners set SO_REUSEPORT: it lets a wildcard listener ({@code 0.0.0.0:80} of a LoadBalancer Service)
 * coexist with specific ones on the same port ({@code ClusterIP:80} of other Services); the kernel hands each
 * connection to the most specific match. The proxy itself refuses two listeners on one exact address.
 */
record Transport(
        EventLoopGroup group,
        boolean epoll,
        Class<? extends DatagramChannel> datagramChannel,
        ChannelOption<Boolean> reusePort) {

    SocketChannel newSocketChannel() {
        return epoll ? new EpollSocketChannel() : new NioSocketChannel();
    }

    ServerChannel newServerSocketChannel() {
        return epoll ? new EpollServerSocketChannel() : new NioServerSocketChannel();
    }

    static Transport create(int threads, boolean preferNative) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("skiff-service-proxy", true);
        if (preferNative && Epoll.isAvailable()) {
            IoHandlerFactory io = EpollIoHandler.newFactory();
            return new Transport(new MultiThreadIoEventLoopGroup(threads, threadFactory, io), true,
                    EpollDatagramChannel.class, EpollChannelOption.SO_REUSEPORT);
        }
        IoHandlerFactory io = NioIoHandler.newFactory();
        return new Transport(new MultiThreadIoEventLoopGroup(threads, threadFactory, io), false,
                NioDatagramChannel.class, NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT));
    }
}
