package dev.skiff.engine.net.ingress;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Spreads each backend's requests over its endpoints in turn. */
final class RoundRobin {
    private final ConcurrentHashMap<Backend, AtomicInteger> next = new ConcurrentHashMap<>();

    /** The index of the endpoint to try first, among {@code size} endpoints. */
    int first(Backend backend, int size) {
        return Math.floorMod(next.computeIfAbsent(backend, b -> new AtomicInteger()).getAndIncrement(), size);
    }

    /** Forgets the backends no route names any more. */
    void retain(Set<Backend> live) {
        next.keySet().retainAll(live);
    }
}
