package dev.skiff.engine.controllers.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.DeleteOptions;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes Events whose last occurrence is older than the time-to-live (kube-apiserver's {@code --event-ttl},
 * one hour by default), checking every so often.
 */
public final class EventExpiry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventExpiry.class);
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final GenericRegistry registry;
    private final ResourceType events;
    private final Duration ttl;
    private final Duration every;
    private Thread thread;

    public EventExpiry(GenericRegistry registry, ResourceRegistry resources, Duration ttl, Duration every) {
        this.registry = registry;
        this.events = resources.byKind("", "Event").orElseThrow();
        this.ttl = ttl;
        this.every = every;
    }

    public EventExpiry start() {
        thread = Thread.ofVirtual().name("event-expiry").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    expire();
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("expiring events failed; will retry", e);
                }
            }
        });
        return this;
    }

    /** One pass: deletes every Event last seen before now minus the TTL. */
    public void expire() {
        Instant cutoff = registry.clock().instant().minus(ttl);
        for (StoredObject o : registry.store().list(events.keyPrefix(), null, 0, x -> true).items()) {
            JsonNode event = Json.parseStored(o.value());
            Instant last = lastSeen(event);
            if (last != null && last.isBefore(cutoff)) {
                try {
                    registry.delete(events, Json.text(event, "metadata.namespace"), Json.text(event, "metadata.name"),
                            DeleteOptions.none(), RequestContext.system("event-expiry"));
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }
    }

    private static Instant lastSeen(JsonNode event) {
        for (String field : new String[] {"lastTimestamp", "eventTime", "metadata.creationTimestamp"}) {
            String value = Json.text(event, field);
            if (value != null && !value.isEmpty()) {
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException ignored) {
                    // try the next field
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
