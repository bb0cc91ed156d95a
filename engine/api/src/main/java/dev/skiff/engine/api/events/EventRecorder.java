package dev.skiff.engine.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events for the engine's components, as client-go's recorder does: the same event about
 * the same object (type, reason, message, source) raises the existing Event's {@code count} and
 * {@code lastTimestamp} instead of writing a new one. Never fails its caller: events are best effort.
 */
public final class EventRecorder {
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final GenericRegistry registry;
    private final ResourceType events;
    private final String component;
    private final Map<String, String> nameByKey = new ConcurrentHashMap<>();

    public EventRecorder(GenericRegistry registry, ResourceRegistry resources, String component) {
        this.registry = registry;
        this.events = resources.byKind("", "Event").orElseThrow();
        this.component = component;
    }

    /** Records {@code type} ("Normal" or "Warning") {@code reason}: {@code message} about {@code object}. */
    public void record(JsonNode object, String type, String reason, String message) {
        String namespace = Json.text(object, "metadata.namespace");
        String eventNamespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
        String key = String.join("\u0000", eventNamespace, Json.text(object, "metadata.uid"),
                object.path("kind").asText(), type, reason, message);
        try {
            String existing = nameByKey.get(key);
            if (existing != null && registry.find(events, eventNamespace, existing).isPresent()) {
                String now = Timestamps.now(registry.clock());
                registry.guaranteedUpdate(events, eventNamespace, existing, self(), Subresource.NONE, e -> {
                    e.put("count", e.path("count").asInt(1) + 1);
                    e.put("lastTimestamp", now);
                    return e;
                });
                return;
            }
            String name = Json.text(object, "metadata.name") + "."
                    + Long.toHexString(registry.clock().instant().toEpochMilli() * 1_000_000L
                    + (System.nanoTime() % 1_000_000L)).toLowerCase(Locale.ROOT);
            registry.create(events, eventNamespace, newEvent(object, name, type, reason, message), self());
            nameByKey.put(key, name);
        } catch (ApiException | IllegalStateException e) {
            log.debug("event {} about {} not recorded: {}", reason, Json.text(object, "metadata.name"), e.getMessage());
        }
    }

    private ObjectNode newEvent(JsonNode object, String name, String type, String reason, String message) {
        String now = Timestamps.now(registry.clock());
        ObjectNode event = Json.object();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        Json.metadata(event).put("name", name);
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("kind", object.path("kind").asText());
        putIfPresent(involved, "namespace", Json.text(object, "metadata.namespace"));
        involved.put("name", Json.text(object, "metadata.name"));
        putIfPresent(involved, "uid", Json.text(object, "metadata.uid"));
        involved.put("apiVersion", object.path("apiVersion").asText());
        putIfPresent(involved, "resourceVersion", Json.text(object, "metadata.resourceVersion"));
        event.put("reason", reason);
        event.put("message", message);
        event.putObject("source").put("component", component);
        event.put("firstTimestamp", now);
        event.put("lastTimestamp", now);
        event.put("count", 1);
        event.put("type", type);
        event.put("reportingComponent", component);
        event.put("reportingInstance", component);
        return event;
    }

    private RequestContext self() {
        return RequestContext.system(component);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
