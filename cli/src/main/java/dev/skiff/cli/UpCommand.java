package dev.skiff.cli;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.controllers.ControllerManager;
import dev.skiff.engine.node.AgentMetrics;
import dev.skiff.engine.node.AgentPodLogs;
import dev.skiff.engine.node.NodeAgent;
import dev.skiff.engine.net.NetworkPlane;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skiff up}: runs the engine in the foreground until Ctrl-C, then stops cleanly. State lives in
 * the data directory, so the next {@code skiff up} on it resumes everything.
 */
@Command(name = "up", description = "Start the Skiff engine in the foreground (Ctrl-C stops it).")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Where the engine keeps its state (default: ~/.skiff).")
    Path dataDir = Path.of(System.getProperty("user.home"), ".skiff");

    @Option(names = "--api-port", description = "HTTPS port of the API server on 127.0.0.1 (default: 6443; 0 picks a free one).")
    int apiPort = 6443;

    @Option(names = "--dns", description = "Address of cluster DNS, IP:PORT (default: 127.96.0.10:53; pods use it "
            + "only on port 53).")
    String dns = "127.96.0.10:53";

    @Option(names = "--ingress-http-port", description = "Host port of the ingress on 127.0.0.1 (default: 8080).")
    int ingressHttpPort = 8080;

    @Option(names = "--ingress-https-port", description = "Host TLS port of the ingress on 127.0.0.1 (default: 8443).")
    int ingressHttpsPort = 8443;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ApiServer server = new ApiServer(ApiServer.Config.of(dataDir, apiPort)).start();
        ControllerManager controllers = ControllerManager.start(server);
        NodeAgent node = new NodeAgent(server.registry(), server.resources(), dataDir).start();
        server.usePodLogs(new AgentPodLogs(node));
        server.useResourceMetrics(new AgentMetrics(node, server.registry().clock()));
        int colon = dns.lastIndexOf(':');
        InetSocketAddress dnsAddress = new InetSocketAddress(dns.substring(0, colon),
                Integer.parseInt(dns.substring(colon + 1)));
        NetworkPlane network = startNetwork(server, dnsAddress);
        node.useClusterDns(network.dnsAddress());
        node.usePodStopGate(network.controller()::outOfRotation);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            network.close();
            controllers.close();
            server.close();
            stopped.countDown();
        }, "skiff-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Skiff is up: API " + server.url() + ", kubeconfig " + server.kubeconfig()
                + " (ready in " + millis + " ms; export KUBECONFIG=" + server.kubeconfig() + ")");
        System.out.println("Node " + node.nodeName() + ": pods run as local processes; resource limits: "
                + node.resourceLimitsNote());
        System.out.println("Cluster DNS " + address(network.dnsAddress()) + "; ingress http://"
                + address(network.ingressHttpAddress()) + " https://" + address(network.ingressHttpsAddress()));
        System.out.flush();
        stopped.await();
        return 0;
    }

    private NetworkPlane startNetwork(ApiServer server, InetSocketAddress dnsAddress) {
        try {
            return NetworkPlane.start(server, networkOptions(dnsAddress));
        } catch (java.io.UncheckedIOException e) {
            // port 53 needs root: DNS still answers on a free port, but pods keep the host's resolver
            System.out.println("warning: " + e.getMessage() + "; cluster DNS takes a free port instead, and pods "
                    + "resolve through the host's resolver");
            return NetworkPlane.start(server, networkOptions(new InetSocketAddress(dnsAddress.getAddress(), 0)));
        }
    }

    private NetworkPlane.Options networkOptions(InetSocketAddress dnsAddress) {
        return new NetworkPlane.Options(dnsAddress, new InetSocketAddress("127.0.0.1", ingressHttpPort),
                new InetSocketAddress("127.0.0.1", ingressHttpsPort));
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
