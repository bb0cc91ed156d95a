package dev.skiff.cli;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.controllers.ControllerManager;
import dev.skiff.engine.node.AgentMetrics;
import dev.skiff.engine.node.AgentPodLogs;
import dev.skiff.engine.node.NodeAgent;
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

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ApiServer server = new ApiServer(ApiServer.Config.of(dataDir, apiPort)).start();
        ControllerManager controllers = ControllerManager.start(server);
        NodeAgent node = new NodeAgent(server.registry(), server.resources(), dataDir).start();
        server.usePodLogs(new AgentPodLogs(node));
        server.useResourceMetrics(new AgentMetrics(node, server.registry().clock()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            controllers.close();
            server.close();
            stopped.countDown();
        }, "skiff-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Skiff is up: API " + server.url() + ", kubeconfig " + server.kubeconfig()
                + " (ready in " + millis + " ms; export KUBECONFIG=" + server.kubeconfig() + ")");
        System.out.println("Node " + node.nodeName() + ": pods run as local processes; resource limits: "
                + node.resourceLimitsNote());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
