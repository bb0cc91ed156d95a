package dev.skiff.engine.controllers;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.controllers.gc.GarbageCollector;

/** Starts and stops the engine's controllers next to its API server. */
public final class ControllerManager implements AutoCloseable {
    private final GarbageCollector garbageCollector;

    private ControllerManager(GarbageCollector garbageCollector) {
        this.garbageCollector = garbageCollector;
    }

    public static ControllerManager start(ApiServer server) {
        return new ControllerManager(new GarbageCollector(server.registry(), server.resources()).start());
    }

    public GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    @Override
    public void close() {
        garbageCollector.close();
    }
}
