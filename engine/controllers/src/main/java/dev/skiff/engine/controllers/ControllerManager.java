package dev.skiff.engine.controllers;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.controllers.deployment.DeploymentController;
import dev.skiff.engine.controllers.endpoints.EndpointsController;
import dev.skiff.engine.controllers.events.EventExpiry;
import dev.skiff.engine.controllers.gc.GarbageCollector;
import java.time.Duration;
import dev.skiff.engine.controllers.namespace.NamespaceContentController;
import dev.skiff.engine.controllers.replicaset.ReplicaSetController;
import dev.skiff.engine.controllers.scheduler.Scheduler;

/** Starts and stops the engine's controllers next to its API server. */
public final class ControllerManager implements AutoCloseable {
    private final GarbageCollector garbageCollector;
    private final NamespaceContentController namespaceContent;
    private final EventExpiry eventExpiry;
    private final ReplicaSetController replicaSets;
    private final DeploymentController deployments;
    private final Scheduler scheduler;
    private final EndpointsController endpoints;

    private ControllerManager(GarbageCollector garbageCollector, NamespaceContentController namespaceContent,
                              EventExpiry eventExpiry, ReplicaSetController replicaSets,
                              DeploymentController deployments, Scheduler scheduler,
                              EndpointsController endpoints) {
        this.deployments = deployments;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.garbageCollector = garbageCollector;
        this.namespaceContent = namespaceContent;
        this.eventExpiry = eventExpiry;
        this.replicaSets = replicaSets;
    }

    public static ControllerManager start(ApiServer server) {
        return new ControllerManager(new GarbageCollector(server.registry(), server.resources()).start(),
                new NamespaceContentController(server.registry(), server.resources(), server.caCertificatePem())
                        .start(),
                new EventExpiry(server.registry(), server.resources(), EventExpiry.DEFAULT_TTL, Duration.ofMinutes(1))
                        .start(),
                new ReplicaSetController(server.registry(), server.resources()).start(),
                new DeploymentController(server.registry(), server.resources()).start(),
                new Scheduler(server.registry(), server.resources()).start(),
                new EndpointsController(server.registry(), server.resources()).start());
    }

    public GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    @Override
    public void close() {
        endpoints.close();
        scheduler.close();
        deployments.close();
        replicaSets.close();
        eventExpiry.close();
        namespaceContent.close();
        garbageCollector.close();
    }
}
