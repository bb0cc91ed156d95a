package dev.skiff.engine.net.dns;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Netty's native epoll transport when this machine has it, otherwise the JDK's NIO. */
record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends DatagramChannel> datagram,
                 Class<? extends ServerSocketChannel> server, Class<? extends SocketChannel> socket) {

    /** Epoll on Linux with the native library loaded, else NIO. */
    static Transport best() {
        return Epoll.isAvailable() ? epoll() : nio();
    }

    static Transport epoll() {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollDatagramChannel.class,
                EpollServerSocketChannel.class, EpollSocketChannel.class);
    }

    static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
