package dev.skiff.engine.net.proxy;

/** The same behaviour where the epoll library does not load and the proxy falls back to Java NIO. */
class ServiceProxyOnNioTest extends ServiceProxyTest {

    @Override
    ProxySettings settings() {
        return ProxySettings.defaults().withPreferNativeTransport(false);
    }
}
