package dev.skiff.engine.controllers;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.controllers.events.EventExpiry;
import dev.skiff.engine.controllers.gc.GarbageCollector;
import java.time.Duration;
import dev.skiff.engine.controllers.namespace.NamespaceContentController;

/** Starts and stops the engine's controllers next to its API server. */
public final class ControllerManager implements AutoCloseable {
    private final GarbageCollector garbageCollector;
    private final NamespaceContentController namespaceContent;
    private final EventExpiry eventExpiry;

    private ControllerManager(GarbageCollector garbageCollector, NamespaceContentController namespaceContent,
                              EventExpiry eventExpiry) {
        this.garbageCollector = garbageCollector;
        this.namespaceContent = namespaceContent;
        this.eventExpiry = eventExpiry;
    }

    public static ControllerManager start(ApiServer server) {
        return new ControllerManager(new GarbageCollector(server.registry(), server.resources()).start(),
                new NamespaceContentController(server.registry(), server.resources(), server.caCertificatePem())
                        .start(),
                new EventExpiry(server.registry(), server.resources(), EventExpiry.DEFAULT_TTL, Duration.ofMinutes(1))
                        .start());
    }

    public GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    @Override
    public void close() {
        eventExpiry.close();
        namespaceContent.close();
        garbageCollector.close();
    }
}
