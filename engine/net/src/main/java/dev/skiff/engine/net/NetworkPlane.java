package dev.skiff.engine.net;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.net.dns.ClusterDns;
import dev.skiff.engine.net.ingress.IngressProxy;
import dev.skiff.engine.net.proxy.ServiceProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's networking, started beside the API server: the service proxy, cluster DNS and the ingress
 * proxy, and the controller that keeps them in step with the store.
 */
public final class NetworkPlane implements AutoCloseable {
    public static final String CLUSTER_DOMAIN = "cluster.local";

    /** Where DNS and the ingress listen; port 0 picks a free one. */
    public record Options(InetSocketAddress dns, InetSocketAddress ingressHttp, InetSocketAddress ingressHttps) {
        /** The defaults of {@code skiff up}: DNS at the kube-dns address, ingress on 127.0.0.1:8080 and :8443. */
        public static Options defaults() {
            return new Options(new InetSocketAddress("127.96.0.10", 53), new InetSocketAddress("127.0.0.1", 8080),
                    new InetSocketAddress("127.0.0.1", 8443));
        }
    }

    private final ServiceProxy proxy;
    private final ClusterDns dns;
    private final IngressProxy ingress;
    private final NetworkController controller;

    private NetworkPlane(ServiceProxy proxy, ClusterDns dns, IngressProxy ingress, NetworkController controller) {
        this.proxy = proxy;
        this.dns = dns;
        this.ingress = ingress;
        this.controller = controller;
    }

    public static NetworkPlane start(ApiServer server, Options options) {
        URI api = URI.create(server.url());
        ClusterServices.ensure(server.registry(), server.resources(), api.getHost(), api.getPort());
        ServiceProxy proxy = ServiceProxy.start();
        ClusterDns dns = null;
        IngressProxy ingress = null;
        try {
            dns = ClusterDns.start(options.dns(), CLUSTER_DOMAIN, upstreams(options.dns()));
            NetworkController[] controller = new NetworkController[1];
            ingress = IngressProxy.start(options.ingressHttp(), options.ingressHttps(),
                    (namespace, service, port) -> controller[0].readyEndpoints(namespace, service, port));
            controller[0] = new NetworkController(server.registry(), server.resources(), proxy, dns, ingress,
                    "127.0.0.1");
            controller[0].start();
            return new NetworkPlane(proxy, dns, ingress, controller[0]);
        } catch (RuntimeException e) {
            if (ingress != null) {
                ingress.close();
            }
            if (dns != null) {
                dns.close();
            }
            proxy.close();
            throw e;
        }
    }

    /** The host's name servers (from /etc/resolv.conf), where names outside the cluster are sent. */
    static List<InetSocketAddress> upstreams(InetSocketAddress self) {
        List<InetSocketAddress> servers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver")) {
                    InetSocketAddress server = new InetSocketAddress(f[1], 53);
                    if (!server.equals(self)) {
                        servers.add(server);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // no upstream: names outside the cluster get SERVFAIL
        }
        return servers;
    }

    public NetworkController controller() {
        return controller;
    }

    public InetSocketAddress dnsAddress() {
        return dns.address();
    }

    public InetSocketAddress ingressHttpAddress() {
        return ingress.httpAddress().orElseThrow();
    }

    public InetSocketAddress ingressHttpsAddress() {
        return ingress.httpsAddress().orElseThrow();
    }

    @Override
    public void close() {
        controller.close();
        ingress.close();
        dns.close();
        proxy.close();
    }
}
