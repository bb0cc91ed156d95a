package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Docker-link style variables the kubelet gives every container for the Services of its namespace (and for
 * the {@code kubernetes} Service from any namespace): {@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT},
 * {@code WEB_SERVICE_PORT_HTTP}, {@code WEB_PORT=tcp://ip:80}, {@code WEB_PORT_80_TCP_ADDR} and friends. Only
 * Services with a cluster IP count; with {@code enableServiceLinks: false} only the {@code kubernetes} one.
 */
final class ServiceLinks {
    private ServiceLinks() {
    }

    /** The variables for a pod in {@code namespace}, from the Services that exist now. */
    static Map<String, String> of(String namespace, boolean enableServiceLinks, List<JsonNode> services) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode svc : services) {
            String ns = svc.path("metadata").path("namespace").asText();
            String name = svc.path("metadata").path("name").asText();
            boolean master = ns.equals("default") && name.equals("kubernetes");
            if (!(master || (enableServiceLinks && ns.equals(namespace)))) {
                continue;
            }
            String ip = svc.path("spec").path("clusterIP").asText("");
            if (ip.isEmpty() || ip.equals("None")) {
                continue;
            }
            addService(env, name, ip, svc.path("spec").path("ports"));
        }
        return env;
    }

    private static void addService(Map<String, String> env, String name, String ip, JsonNode ports) {
        String prefix = name.toUpperCase(Locale.ROOT).replace('-', '_');
        env.put(prefix + "_SERVICE_HOST", ip);
        if (ports.isEmpty()) {
            return;
        }
        JsonNode first = ports.get(0);
        env.put(prefix + "_SERVICE_PORT", first.path("port").asText());
        for (JsonNode p : ports) {
            if (!p.path("name").asText("").isEmpty()) {
                env.put(prefix + "_SERVICE_PORT_" + p.path("name").asText().toUpperCase(Locale.ROOT).replace('-', '_'),
                        p.path("port").asText());
            }
        }
        String firstProtocol = first.path("protocol").asText("TCP").toLowerCase(Locale.ROOT);
        env.put(prefix + "_PORT", firstProtocol + "://" + ip + ":" + first.path("port").asText());
        for (JsonNode p : ports) {
            String protocol = p.path("protocol").asText("TCP");
            String port = p.path("port").asText();
            String base = prefix + "_PORT_" + port + "_" + protocol.toUpperCase(Locale.ROOT);
            env.put(base, protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + port);
            env.put(base + "_PROTO", protocol.toLowerCase(Locale.ROOT));
            env.put(base + "_PORT", port);
            env.put(base + "_ADDR", ip);
        }
    }
}
