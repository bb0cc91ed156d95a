package dev.skiff.engine.api.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.node.ResourceMetrics.ContainerUsage;
import dev.skiff.engine.api.node.ResourceMetrics.NodeUsage;
import dev.skiff.engine.api.node.ResourceMetrics.PodUsage;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.api.resource.Quantity;
import dev.skiff.engine.api.text.GoDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * PodMetrics and NodeMetrics in metrics-server's JSON: the pod's or node's name, namespace and labels, a
 * {@code creationTimestamp} of the moment of the request (metrics are made, not stored), the sample's
 * {@code timestamp} and {@code window}, and usage as quantities: CPU in nanocores ({@code 1234567n}), memory in
 * bytes written the binary way ({@code 12345Ki}).
 */
public final class MetricsObjects {
    private MetricsObjects() {
    }

    /** The PodMetrics of {@code pod} (its stored object) from its sample. */
    public static ObjectNode podMetrics(JsonNode pod, PodUsage usage, Instant now) {
        ObjectNode m = head(MetricsApi.POD_METRICS.kind(), pod, true, now);
        m.put("timestamp", Timestamps.format(usage.timestamp()));
        m.put("window", window(usage.window()));
        ArrayNode containers = m.putArray("containers");
        for (ContainerUsage c : usage.containers()) {
            ObjectNode container = containers.addObject();
            container.put("name", c.name());
            container.set("usage", usage(c.cpuNanoCores(), c.memoryBytes()));
        }
        return m;
    }

    /** The NodeMetrics of {@code node} (its stored object) from its sample. */
    public static ObjectNode nodeMetrics(JsonNode node, NodeUsage usage, Instant now) {
        ObjectNode m = head(MetricsApi.NODE_METRICS.kind(), node, false, now);
        m.put("timestamp", Timestamps.format(usage.timestamp()));
        m.put("window", window(usage.window()));
        m.set("usage", usage(usage.cpuNanoCores(), usage.memoryBytes()));
        return m;
    }

    /** A {@code PodMetricsList} or {@code NodeMetricsList}: metrics-server's lists carry no resourceVersion. */
    public static ObjectNode list(String listKind, List<ObjectNode> items) {
        ObjectNode list = Json.object();
        list.put("kind", listKind);
        list.put("apiVersion", MetricsApi.API_VERSION);
        list.putObject("metadata");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }

    /** CPU as a count of nanocores, memory as a count of bytes, in Kubernetes' canonical quantity form. */
    static ObjectNode usage(long cpuNanoCores, long memoryBytes) {
        ObjectNode usage = Json.object();
        usage.put("cpu", new Quantity(BigDecimal.valueOf(cpuNanoCores, 9), Quantity.Format.DECIMAL_SI).toString());
        usage.put("memory", new Quantity(BigDecimal.valueOf(memoryBytes), Quantity.Format.BINARY_SI).toString());
        return usage;
    }

    /** A {@code meta/v1 Duration} in Go's form: "15s", "10.123s". */
    static String window(Duration window) {
        return GoDuration.format(window.toNanos());
    }

    private static ObjectNode head(String kind, JsonNode object, boolean namespaced, Instant now) {
        ObjectNode m = Json.object();
        m.put("kind", kind);
        m.put("apiVersion", MetricsApi.API_VERSION);
        ObjectNode meta = m.putObject("metadata");
        meta.put("name", object.path("metadata").path("name").asText());
        if (namespaced) {
            meta.put("namespace", object.path("metadata").path("namespace").asText());
        }
        meta.put("creationTimestamp", Timestamps.format(now));
        JsonNode labels = object.path("metadata").path("labels");
        if (labels.isObject() && !labels.isEmpty()) {
            meta.set("labels", labels.deepCopy());
        }
        return m;
    }
}
