package dev.skiff.engine.net.proxy;

import java.net.InetSocketAddress;
import java.util.List;

/** One bound listen address of a Service port. */
sealed interface Listener permits TcpListener, UdpListener {

    InetSocketAddress address();

    /** The ready endpoints changed (new connections already follow the new list). */
    void endpointsChanged(List<InetSocketAddress> ready);

    /**
     * Stops listening. On epoll the address is free when this returns; on NIO the JDK releases a socket
     * registered with a selector on the selector's next pass, a moment later.
     */
    void close();
}
