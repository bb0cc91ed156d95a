package dev.skiff.engine.net.proxy;

import java.net.InetSocketAddress;
import java.util.List;

/** One bound listen address of a Service port. */
sealed interface Listener permits TcpListener, UdpListener {

    InetSocketAddress address();

    /** The ready endpoints changed (new connections already follow the new list). */
    void endpointsChanged(List<InetSocketAddress> ready);

    /** Stops listening; returns once the address is free again. */
    void close();
}
