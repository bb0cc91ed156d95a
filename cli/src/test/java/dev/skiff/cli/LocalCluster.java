package dev.skiff.cli;

import dev.skiff.engine.api.e2e.ApiHttp;
import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import dev.skiff.engine.controllers.ControllerManager;
import dev.skiff.engine.node.AgentMetrics;
import dev.skiff.engine.node.AgentPodLogs;
import dev.skiff.engine.node.NodeAgent;
import dev.skiff.engine.net.NetworkPlane;
import java.net.InetSocketAddress;

/** The whole engine in-process, as `skiff up` wires it: API server, controllers and node agent. */
final class LocalCluster implements AutoCloseable {
    final TestEngine engine;
    final ControllerManager controllers;
    final NodeAgent node;
    final Kubectl kubectl;
    final ApiHttp api;
    /** Null unless started {@link #withNetwork}. */
    final NetworkPlane network;

    private LocalCluster(TestEngine engine, ControllerManager controllers, NodeAgent node, NetworkPlane network) {
        this.engine = engine;
        this.controllers = controllers;
        this.node = node;
        this.network = network;
        this.kubectl = engine.kubectl();
        this.api = ApiHttp.of(engine);
    }

    static LocalCluster start() {
        return start(false);
    }

    /** With the service proxy, cluster DNS (on 127.96.0.10:53, so pods resolve through it) and the ingress. */
    static LocalCluster withNetwork() {
        return start(true);
    }

    private static LocalCluster start(boolean withNetwork) {
        TestEngine engine = TestEngine.start();
        ControllerManager controllers = ControllerManager.start(engine.server());
        NodeAgent node = new NodeAgent(engine.server().registry(), engine.server().resources(), engine.dataDir())
                .start();
        engine.server().usePodLogs(new AgentPodLogs(node));
        engine.server().useResourceMetrics(new AgentMetrics(node, engine.server().registry().clock()));
        NetworkPlane network = null;
        if (withNetwork) {
            try {
                network = NetworkPlane.start(engine.server(), networkOn(53));
            } catch (java.io.UncheckedIOException e) {
                network = NetworkPlane.start(engine.server(), networkOn(0)); // not root: DNS on a free port
            }
            node.useClusterDns(network.dnsAddress());
            node.usePodStopGate(network.controller()::outOfRotation);
        }
        return new LocalCluster(engine, controllers, node, network);
    }

    private static NetworkPlane.Options networkOn(int dnsPort) {
        return new NetworkPlane.Options(new InetSocketAddress("127.96.0.10", dnsPort),
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public void close() {
        node.close();
        if (network != null) {
            network.close();
        }
        controllers.close();
        engine.close();
    }
}
