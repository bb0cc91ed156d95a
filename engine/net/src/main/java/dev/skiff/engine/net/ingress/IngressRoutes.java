package dev.skiff.engine.net.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The routing table of one ingress class: which backend serves a request for a host and path, and which
 * certificate answers a TLS client for a server name. Immutable; the proxy swaps whole tables.
 *
 * <p>Hosts: a precise rule host matches the request host exactly (case-insensitively, port ignored); a wildcard
 * {@code *.example.com} matches exactly one more label ({@code foo.example.com}, not {@code example.com} nor
 * {@code a.b.example.com}); a rule without host matches every host. A request is matched against the rules of
 * its exact host first, then of its wildcard host, then the rules without host, and the first group with a
 * matching path decides; the oldest Ingress's {@code spec.defaultBackend} takes what no rule matches. Within a
 * group the longest path wins and, between equally long paths, Exact beats Prefix. Where two Ingresses define
 * the same host, path and type (or two default backends, or two certificates for a host), the older Ingress
 * (by {@code metadata.creationTimestamp}, then namespace and name) wins and {@link #warnings()} says so.
 */
public final class IngressRoutes {
    private static final IngressRoutes EMPTY =
            new IngressRoutes(Map.of(), Map.of(), List.of(), null, Map.of(), Map.of(), null, List.of());

    private final Map<String, List<IngressPath>> exactHosts;
    private final Map<String, List<IngressPath>> wildcardHosts;
    private final List<IngressPath> anyHost;
    private final Backend defaultBackend;
    private final Map<String, TlsCertificate> exactCertificates;
    private final Map<String, TlsCertificate> wildcardCertificates;
    private final TlsCertificate defaultCertificate;
    private final List<String> warnings;
    private final Set<Backend> backends;

    IngressRoutes(Map<String, List<IngressPath>> exactHosts, Map<String, List<IngressPath>> wildcardHosts,
            List<IngressPath> anyHost, Backend defaultBackend, Map<String, TlsCertificate> exactCertificates,
            Map<String, TlsCertificate> wildcardCertificates, TlsCertificate defaultCertificate,
            List<String> warnings) {
        this.exactHosts = Map.copyOf(exactHosts);
        this.wildcardHosts = Map.copyOf(wildcardHosts);
        this.anyHost = List.copyOf(anyHost);
        this.defaultBackend = defaultBackend;
        this.exactCertificates = Map.copyOf(exactCertificates);
        this.wildcardCertificates = Map.copyOf(wildcardCertificates);
        this.defaultCertificate = defaultCertificate;
        this.warnings = List.copyOf(warnings);
        Set<Backend> all = new LinkedHashSet<>();
        exactHosts.values().forEach(paths -> paths.forEach(p -> all.add(p.backend())));
        wildcardHosts.values().forEach(paths -> paths.forEach(p -> all.add(p.backend())));
        anyHost.forEach(p -> all.add(p.backend()));
        if (defaultBackend != null) {
            all.add(defaultBackend);
        }
        this.backends = Set.copyOf(all);
    }

    /** A table that routes nothing. */
    public static IngressRoutes empty() {
        return EMPTY;
    }

    /**
     * Builds the table of the Ingresses a class serves.
     *
     * @param ingresses {@code networking.k8s.io/v1} Ingresses in their JSON form; those of other classes are skipped
     *     (see {@link IngressClassFilter})
     * @param secrets finds a Secret by "namespace/name", for {@code spec.tls[].secretName}
     * @param className the IngressClass this controller implements ("skiff")
     * @param isDefaultClass whether that class is the cluster's default, which serves Ingresses naming no class
     */
    public static IngressRoutes from(List<ObjectNode> ingresses, Function<String, Optional<ObjectNode>> secrets,
            String className, boolean isDefaultClass) {
        IngressRoutesBuilder builder = new IngressRoutesBuilder(secrets);
        ingresses.stream()
                .filter(i -> IngressClassFilter.serves(i, className, isDefaultClass))
                .sorted(IngressRoutesBuilder.OLDEST_FIRST)
                .forEach(builder::add);
        return builder.build();
    }

    /**
     * The backend for a request.
     *
     * @param host the Host header (a port and a trailing dot are ignored); null or "" for none
     * @param path the request path, without query
     */
    public Optional<Backend> route(String host, String path) {
        String h = HostNames.normalize(host);
        String p = path == null || path.isEmpty() ? "/" : path;
        int query = p.indexOf('?');
        if (query >= 0) {
            p = p.substring(0, query);
        }
        String[] elements = IngressPath.elements(p);
        IngressPath match = h.isEmpty() ? null : firstMatch(exactHosts.get(h), p, elements);
        if (match == null) {
            String parent = HostNames.parentOf(h);
            match = parent == null ? null : firstMatch(wildcardHosts.get(parent), p, elements);
        }
        if (match == null) {
            match = firstMatch(anyHost, p, elements);
        }
        return match != null ? Optional.of(match.backend()) : Optional.ofNullable(defaultBackend);
    }

    private static IngressPath firstMatch(List<IngressPath> paths, String path, String[] elements) {
        if (paths != null) {
            for (IngressPath p : paths) {
                if (p.matches(path, elements)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * The certificate for a TLS server name (SNI): from the {@code spec.tls} entry listing the name, else one
     * listing a matching wildcard, else from an entry listing no hosts; empty when the proxy's own default
     * certificate should answer.
     *
     * @param serverName the name the client asked for; null when it sent none
     */
    public Optional<TlsCertificate> certificate(String serverName) {
        String name = HostNames.normalize(serverName);
        TlsCertificate c = name.isEmpty() ? null : exactCertificates.get(name);
        if (c == null) {
            String parent = HostNames.parentOf(name);
            c = parent == null ? null : wildcardCertificates.get(parent);
        }
        return Optional.ofNullable(c != null ? c : defaultCertificate);
    }

    /** Every backend some rule or default backend names, for the integrator to watch. */
    public Set<Backend> backends() {
        return backends;
    }

    /**
     * What the table had to leave out or override and why ("ingress ns/b: ..."), for events or logs; empty when
     * every Ingress was taken as written.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Every certificate in the table. */
    Collection<TlsCertificate> certificates() {
        Set<TlsCertificate> all = new LinkedHashSet<>(exactCertificates.values());
        all.addAll(wildcardCertificates.values());
        if (defaultCertificate != null) {
            all.add(defaultCertificate);
        }
        return all;
    }
}
