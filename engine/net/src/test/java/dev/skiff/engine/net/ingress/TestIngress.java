package dev.skiff.engine.net.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds Ingress and Secret objects in their Kubernetes JSON form for tests. */
final class TestIngress {
    private final ObjectNode ingress = Json.object();
    private final ObjectNode spec;

    private TestIngress(String namespace, String name) {
        ingress.put("apiVersion", "networking.k8s.io/v1").put("kind", "Ingress");
        ingress.putObject("metadata").put("namespace", namespace).put("name", name)
                .put("creationTimestamp", "2025-01-01T00:00:00Z");
        spec = ingress.putObject("spec");
    }

    static TestIngress ingress(String namespace, String name) {
        return new TestIngress(namespace, name);
    }

    TestIngress created(String timestamp) {
        ((ObjectNode) ingress.get("metadata")).put("creationTimestamp", timestamp);
        return this;
    }

    TestIngress className(String className) {
        spec.put("ingressClassName", className);
        return this;
    }

    TestIngress annotation(String key, String value) {
        ((ObjectNode) ingress.get("metadata")).withObjectProperty("annotations").put(key, value);
        return this;
    }

    /** Adds a path to the rule of {@code host} ("" for a rule without host), creating the rule if needed. */
    TestIngress path(String host, String path, String pathType, String service, Object port) {
        ArrayNode rules = spec.withArrayProperty("rules");
        ObjectNode rule = null;
        for (var r : rules) {
            if (r.path("host").asText("").equals(host)) {
                rule = (ObjectNode) r;
            }
        }
        if (rule == null) {
            rule = rules.addObject();
            if (!host.isEmpty()) {
                rule.put("host", host);
            }
        }
        ObjectNode p = rule.withObjectProperty("http").withArrayProperty("paths").addObject();
        p.put("path", path).put("pathType", pathType);
        p.set("backend", backend(service, port));
        return this;
    }

    TestIngress defaultBackend(String service, Object port) {
        spec.set("defaultBackend", backend(service, port));
        return this;
    }

    TestIngress tls(String secretName, String... hosts) {
        ObjectNode entry = spec.withArrayProperty("tls").addObject();
        ArrayNode h = entry.putArray("hosts");
        for (String host : hosts) {
            h.add(host);
        }
        entry.put("secretName", secretName);
        return this;
    }

    ObjectNode build() {
        return ingress.deepCopy();
    }

    private static ObjectNode backend(String service, Object port) {
        ObjectNode backend = Json.object();
        ObjectNode s = backend.putObject("service").put("name", service);
        if (port instanceof Integer n) {
            s.putObject("port").put("number", n);
        } else {
            s.putObject("port").put("name", port.toString());
        }
        return backend;
    }

    /** A Secret of type kubernetes.io/tls holding PEM text. */
    static ObjectNode tlsSecret(String namespace, String name, String certificatePem, String keyPem) {
        ObjectNode secret = Json.object();
        secret.put("apiVersion", "v1").put("kind", "Secret").put("type", "kubernetes.io/tls");
        secret.putObject("metadata").put("namespace", namespace).put("name", name);
        secret.putObject("data")
                .put("tls.crt", Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII)))
                .put("tls.key", Base64.getEncoder().encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII)));
        return secret;
    }
}
