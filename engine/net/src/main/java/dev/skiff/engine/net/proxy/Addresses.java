package dev.skiff.engine.net.proxy;

import java.net.InetSocketAddress;

/** How addresses read in messages: {@code 127.96.0.1:80}, never {@code /127.96.0.1:80}. */
final class Addresses {

    private Addresses() {
    }

    static String text(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
