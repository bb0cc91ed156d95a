package dev.skiff.engine.net.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the cluster DNS answers from: one entry per Service, with its ready endpoints, as the
 * integrator reads them from Services and EndpointSlices. Immutable; {@link ClusterDns#update} swaps a
 * whole set at once, so a reader never sees half an update.
 *
 * <p>Ports: for a Service with a ClusterIP give the Service's ports (SRV records point at the
 * ClusterIP); for a headless Service give the EndpointSlice's ports (SRV records point straight at the
 * endpoints, so they carry the port the endpoints listen on), as CoreDNS does.
 */
public final class DnsRecords {

    private static final DnsRecords EMPTY = new DnsRecords(List.of());

    private final List<Service> services;

    private DnsRecords(List<Service> services) {
        this.services = List.copyOf(services);
    }

    /** No Services at all: only the cluster domain's own records and pod names are answered. */
    public static DnsRecords empty() {
        return EMPTY;
    }

    /** Starts a record set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Services in the order they were added. */
    public List<Service> services() {
        return services;
    }

    @Override
    public String toString() {
        return "DnsRecords" + services;
    }

    /**
     * One Service as DNS sees it.
     *
     * @param namespace      the Service's namespace
     * @param name           the Service's name
     * @param clusterIp      the ClusterIP; empty for a headless or ExternalName Service
     * @param readyEndpoints the Service's ready endpoints (EndpointSlice endpoints with
     *                       {@code conditions.ready} true, or all of them when the Service publishes
     *                       not-ready addresses)
     * @param ports          the ports (see the class comment for which ones)
     * @param externalName   {@code spec.externalName} of an ExternalName Service, otherwise empty
     */
    public record Service(String namespace, String name, Optional<InetAddress> clusterIp,
                          List<Endpoint> readyEndpoints, List<Port> ports, Optional<String> externalName) {

        public Service {
            Objects.requireNonNull(clusterIp, "clusterIp");
            Objects.requireNonNull(externalName, "externalName");
            requireLabel("metadata.namespace", namespace);
            requireLabel("metadata.name", name);
            readyEndpoints = List.copyOf(readyEndpoints);
            ports = List.copyOf(ports);
            if (clusterIp.isPresent() && externalName.isPresent()) {
                throw new IllegalArgumentException("service " + namespace + "/" + name
                        + ": spec.clusterIP: Forbidden: may not be set for an ExternalName Service");
            }
            externalName.ifPresent(value -> requireSubdomain("spec.externalName", value));
        }

        /** True when the Service has neither a ClusterIP nor an external name. */
        public boolean headless() {
            return clusterIp.isEmpty() && externalName.isEmpty();
        }
    }

    /**
     * A ready endpoint of a Service.
     *
     * @param address  the endpoint's address
     * @param hostname the EndpointSlice endpoint's {@code hostname} (set for Pods with
     *                 {@code spec.hostname} and a matching {@code spec.subdomain}); when empty the endpoint
     *                 is known by its dashed address, e.g. {@code 127-1-0-5}
     */
    public record Endpoint(InetAddress address, Optional<String> hostname) {

        public Endpoint {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(hostname, "hostname");
            hostname.ifPresent(value -> requireLabel("hostname", value));
        }

        /** An endpoint without a hostname. */
        public static Endpoint of(InetAddress address) {
            return new Endpoint(address, Optional.empty());
        }

        /** An endpoint with a hostname. */
        public static Endpoint of(InetAddress address, String hostname) {
            return new Endpoint(address, Optional.of(hostname));
        }
    }

    /**
     * A port of a Service.
     *
     * @param name     the port's name; empty for an unnamed port, which gets no {@code _name._proto} SRV name
     * @param protocol TCP, UDP or SCTP
     * @param port     the port number
     */
    public record Port(String name, String protocol, int port) {

        private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

        public Port {
            name = name == null ? "" : name;
            Objects.requireNonNull(protocol, "protocol");
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("protocol: Unsupported value: \"" + protocol
                        + "\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: Invalid value: " + port
                        + ": must be between 1 and 65535, inclusive");
            }
            if (!name.isEmpty() && !PORT_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name: Invalid value: \"" + name
                        + "\": must be no more than 15 characters and contain only lower case alphanumeric"
                        + " characters or '-' (an IANA service name)");
            }
        }

        /** A named TCP port. */
        public static Port tcp(String name, int port) {
            return new Port(name, "TCP", port);
        }

        /** A named UDP port. */
        public static Port udp(String name, int port) {
            return new Port(name, "UDP", port);
        }
    }

    /** Collects Services; each namespace/name may appear once. */
    public static final class Builder {

        private final List<Service> services = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();

        private Builder() {
        }

        /** Adds a Service; see {@link Service} for what each argument means. */
        public Builder service(String namespace, String name, Optional<InetAddress> clusterIp,
                               List<Endpoint> readyEndpoints, List<Port> ports, Optional<String> externalName) {
            return service(new Service(namespace, name, clusterIp, readyEndpoints, ports, externalName));
        }

        /** Adds a Service. */
        public Builder service(Service service) {
            if (!keys.add(service.namespace() + "/" + service.name())) {
                throw new IllegalArgumentException("service " + service.namespace() + "/" + service.name()
                        + " already exists");
            }
            services.add(service);
            return this;
        }

        /** The immutable record set. */
        public DnsRecords build() {
            return new DnsRecords(services);
        }
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");
    private static final Pattern SUBDOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_]{0,61}[A-Za-z0-9])?");

    private static void requireLabel(String field, String value) {
        if (value == null || !LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": Invalid value: \"" + value
                    + "\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
                    + " and must start and end with an alphanumeric character");
        }
    }

    private static void requireSubdomain(String field, String value) {
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        boolean valid = !name.isEmpty() && name.length() <= 253;
        if (valid) {
            for (String label : name.split("\\.", -1)) {
                valid &= SUBDOMAIN_LABEL.matcher(label).matches();
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(field + ": Invalid value: \"" + value
                    + "\": must be a valid DNS name of at most 253 characters");
        }
    }
}
