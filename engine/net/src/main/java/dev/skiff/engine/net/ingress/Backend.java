package dev.skiff.engine.net.ingress;

/**
 * Where an Ingress sends matching requests: a Service port in the Ingress's own namespace
 * ({@code backend.service.name} and {@code backend.service.port.number} or {@code .name}).
 *
 * @param port the port number in decimal, or the port's name
 */
public record Backend(String namespace, String service, String port) {
    /** "namespace/name" of the Service, as messages name it. */
    public String serviceRef() {
        return namespace + "/" + service;
    }

    @Override
    public String toString() {
        return serviceRef() + ":" + port;
    }
}
