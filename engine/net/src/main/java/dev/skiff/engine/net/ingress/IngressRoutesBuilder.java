package dev.skiff.engine.net.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads Ingresses, oldest first, into an {@link IngressRoutes}, noting what it had to leave out. */
final class IngressRoutesBuilder {
    /** Older Ingresses win conflicts; namespace and name break ties so the outcome never depends on list order. */
    static final Comparator<ObjectNode> OLDEST_FIRST = Comparator
            .comparing((ObjectNode i) -> Optional.ofNullable(Json.text(i, "metadata.creationTimestamp")).orElse("~"))
            .thenComparing(IngressRoutesBuilder::namespace)
            .thenComparing(i -> Optional.ofNullable(Json.text(i, "metadata.name")).orElse(""));

    private final Function<String, Optional<ObjectNode>> secrets;
    private final Map<String, List<IngressPath>> exactHosts = new HashMap<>();
    private final Map<String, List<IngressPath>> wildcardHosts = new HashMap<>();
    private final List<IngressPath> anyHost = new ArrayList<>();
    private Backend defaultBackend;
    private String defaultBackendSource;
    private final Map<String, TlsCertificate> exactCertificates = new HashMap<>();
    private final Map<String, TlsCertificate> wildcardCertificates = new HashMap<>();
    private TlsCertificate defaultCertificate;
    private final Map<String, Object> secretCache = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    IngressRoutesBuilder(Function<String, Optional<ObjectNode>> secrets) {
        this.secrets = secrets;
    }

    void add(ObjectNode ingress) {
        String namespace = namespace(ingress);
        String ref = namespace + "/" + Json.text(ingress, "metadata.name");
        JsonNode spec = ingress.path("spec");
        if (spec.hasNonNull("defaultBackend")) {
            addDefaultBackend(ref, backend(ref, namespace, spec.get("defaultBackend"), "spec.defaultBackend"));
        }
        JsonNode rules = spec.path("rules");
        for (int i = 0; i < rules.size(); i++) {
            addRule(ref, namespace, rules.get(i), "spec.rules[" + i + "]");
        }
        JsonNode tls = spec.path("tls");
        for (int i = 0; i < tls.size(); i++) {
            addTls(ref, namespace, tls.get(i), "spec.tls[" + i + "]");
        }
    }

    IngressRoutes build() {
        exactHosts.values().forEach(paths -> paths.sort(IngressPath.PRECEDENCE));
        wildcardHosts.values().forEach(paths -> paths.sort(IngressPath.PRECEDENCE));
        anyHost.sort(IngressPath.PRECEDENCE);
        return new IngressRoutes(exactHosts, wildcardHosts, anyHost, defaultBackend, exactCertificates,
                wildcardCertificates, defaultCertificate, warnings);
    }

    private void addDefaultBackend(String ref, Backend backend) {
        if (backend == null) {
            return;
        }
        if (defaultBackend == null) {
            defaultBackend = backend;
            defaultBackendSource = ref;
        } else {
            warn(ref, "spec.defaultBackend is ignored: the older ingress " + defaultBackendSource
                    + " already sets the default backend");
        }
    }

    private void addRule(String ref, String namespace, JsonNode rule, String field) {
        String host = HostNames.normalize(text(rule, "host"));
        List<IngressPath> group;
        if (host.isEmpty()) {
            group = anyHost;
        } else if (HostNames.isWildcard(host)) {
            group = wildcardHosts.computeIfAbsent(HostNames.wildcardSuffix(host), h -> new ArrayList<>());
        } else if (host.contains("*")) {
            warn(ref, field + ".host " + host + " is skipped: a wildcard must be the whole first label");
            return;
        } else {
            group = exactHosts.computeIfAbsent(host, h -> new ArrayList<>());
        }
        JsonNode paths = rule.path("http").path("paths");
        for (int j = 0; j < paths.size(); j++) {
            String pathField = field + ".http.paths[" + j + "]";
            IngressPath path = path(ref, namespace, paths.get(j), pathField);
            if (path == null) {
                continue;
            }
            Optional<IngressPath> taken = group.stream().filter(path::sameMatch).findFirst();
            if (taken.isPresent()) {
                warn(ref, pathField + ": path " + path + " of host " + (host.isEmpty() ? "*" : host)
                        + " is ignored: ingress " + taken.get().source() + " already routes it");
            } else {
                group.add(path);
            }
        }
    }

    private IngressPath path(String ref, String namespace, JsonNode node, String field) {
        String pathType = Optional.ofNullable(text(node, "pathType")).orElse("ImplementationSpecific");
        IngressPath.Type type;
        switch (pathType) {
            case "Exact" -> type = IngressPath.Type.EXACT;
            case "Prefix", "ImplementationSpecific" -> type = IngressPath.Type.PREFIX;
            default -> {
                warn(ref, field + " is skipped: unsupported pathType " + pathType);
                return null;
            }
        }
        String path = Optional.ofNullable(text(node, "path")).filter(p -> !p.isEmpty()).orElse("/");
        if (!path.startsWith("/")) {
            warn(ref, field + " is skipped: path " + path + " must be an absolute path");
            return null;
        }
        Backend backend = backend(ref, namespace, node.path("backend"), field + ".backend");
        return backend == null ? null : IngressPath.of(type, path, backend, ref);
    }

    private Backend backend(String ref, String namespace, JsonNode node, String field) {
        JsonNode service = node.path("service");
        String name = text(service, "name");
        JsonNode port = service.path("port");
        String portRef = port.path("number").isNumber() ? port.get("number").asText() : text(port, "name");
        if (node.hasNonNull("resource") && name == null) {
            warn(ref, field + " is skipped: resource backends are not supported, only service backends");
            return null;
        }
        if (name == null || portRef == null) {
            warn(ref, field + " is skipped: it needs service.name and service.port.number or service.port.name");
            return null;
        }
        return new Backend(namespace, name, portRef);
    }

    private void addTls(String ref, String namespace, JsonNode entry, String field) {
        String secretName = text(entry, "secretName");
        if (secretName == null) {
            return;
        }
        String secretRef = namespace + "/" + secretName;
        Object loaded = secretCache.computeIfAbsent(secretRef, this::loadSecret);
        if (loaded instanceof String problem) {
            warn(ref, field + ": " + problem + "; its hosts get the default certificate");
            return;
        }
        TlsCertificate certificate = (TlsCertificate) loaded;
        JsonNode hosts = entry.path("hosts");
        if (hosts.isEmpty()) {
            if (defaultCertificate == null) {
                defaultCertificate = certificate;
            }
            return;
        }
        for (JsonNode h : hosts) {
            String host = HostNames.normalize(h.asText());
            Map<String, TlsCertificate> table = HostNames.isWildcard(host) ? wildcardCertificates : exactCertificates;
            String key = HostNames.isWildcard(host) ? HostNames.wildcardSuffix(host) : host;
            TlsCertificate taken = table.putIfAbsent(key, certificate);
            if (taken != null && !taken.alias().equals(certificate.alias())) {
                warn(ref, field + ": host " + host + " keeps the certificate of secret "
                        + taken.alias().substring(0, taken.alias().indexOf('#')) + " from an older ingress");
            }
        }
    }

    /** The certificate of a Secret, or a sentence saying why there is none. */
    private Object loadSecret(String secretRef) {
        Optional<ObjectNode> secret = secrets.apply(secretRef);
        if (secret.isEmpty()) {
            return "secret " + secretRef + " not found";
        }
        try {
            return TlsSecret.certificate(secretRef, secret.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void warn(String ref, String message) {
        warnings.add("ingress " + ref + ": " + message);
    }

    private static String namespace(ObjectNode ingress) {
        return Optional.ofNullable(Json.text(ingress, "metadata.namespace")).orElse("default");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
