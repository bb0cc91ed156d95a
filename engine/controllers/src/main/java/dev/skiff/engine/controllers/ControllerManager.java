package dev.skiff.engine.controllers;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.controllers.gc.GarbageCollector;
import dev.skiff.engine.controllers.namespace.NamespaceContentController;

/** Starts and stops the engine's controllers next to its API server. */
public final class ControllerManager implements AutoCloseable {
    private final GarbageCollector garbageCollector;
    private final NamespaceContentController namespaceContent;

    private ControllerManager(GarbageCollector garbageCollector, NamespaceContentController namespaceContent) {
        this.garbageCollector = garbageCollector;
        this.namespaceContent = namespaceContent;
    }

    public static ControllerManager start(ApiServer server) {
        return new ControllerManager(new GarbageCollector(server.registry(), server.resources()).start(),
                new NamespaceContentController(server.registry(), server.resources(), server.caCertificatePem())
                        .start());
    }

    public GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    @Override
    public void close() {
        namespaceContent.close();
        garbageCollector.close();
    }
}
