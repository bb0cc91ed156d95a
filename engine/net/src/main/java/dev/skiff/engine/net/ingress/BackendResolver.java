package dev.skiff.engine.net.ingress;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Tells the ingress proxy where a backend's pods listen. The integrator implements it over its EndpointSlice
 * (or Endpoints) cache; the proxy calls it on an event loop for every request, so it must answer from memory
 * and never block.
 */
@FunctionalInterface
public interface BackendResolver {
    /**
     * The ready endpoints of a Service port, with the Service port already resolved to each endpoint's target
     * port; an empty list when the Service, the port or ready endpoints are missing.
     *
     * @param portNameOrNumber the Ingress backend's port: a Service port number in decimal, or its name
     */
    List<InetSocketAddress> readyEndpoints(String namespace, String service, String portNameOrNumber);
}
