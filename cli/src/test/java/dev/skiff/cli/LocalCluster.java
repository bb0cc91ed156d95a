package dev.skiff.cli;

import dev.skiff.engine.api.e2e.ApiHttp;
import dev.skiff.engine.api.e2e.Kubectl;
import dev.skiff.engine.api.e2e.TestEngine;
import dev.skiff.engine.controllers.ControllerManager;
import dev.skiff.engine.node.AgentMetrics;
import dev.skiff.engine.node.AgentPodLogs;
import dev.skiff.engine.node.NodeAgent;

/** The whole engine in-process, as `skiff up` wires it: API server, controllers and node agent. */
final class LocalCluster implements AutoCloseable {
    final TestEngine engine;
    final ControllerManager controllers;
    final NodeAgent node;
    final Kubectl kubectl;
    final ApiHttp api;

    private LocalCluster(TestEngine engine, ControllerManager controllers, NodeAgent node) {
        this.engine = engine;
        this.controllers = controllers;
        this.node = node;
        this.kubectl = engine.kubectl();
        this.api = ApiHttp.of(engine);
    }

    static LocalCluster start() {
        TestEngine engine = TestEngine.start();
        ControllerManager controllers = ControllerManager.start(engine.server());
        NodeAgent node = new NodeAgent(engine.server().registry(), engine.server().resources(), engine.dataDir())
                .start();
        engine.server().usePodLogs(new AgentPodLogs(node));
        engine.server().useResourceMetrics(new AgentMetrics(node, engine.server().registry().clock()));
        return new LocalCluster(engine, controllers, node);
    }

    @Override
    public void close() {
        node.close();
        controllers.close();
        engine.close();
    }
}
