package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.ColumnDefinition.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;

/**
 * Events: LAST SEEN TYPE REASON OBJECT MESSAGE, and SUBOBJECT SOURCE FIRST SEEN COUNT NAME with {@code -o wide}.
 * Serves core/v1 events and, through the same columns, events.k8s.io/v1 events, whose fields carry other names.
 */
final class EventPrinter extends TablePrinter {

    private final boolean eventsGroup;

    /** {@code eventsGroup}: the object is in events.k8s.io/v1 form (regarding, note, deprecated... fields). */
    EventPrinter(boolean eventsGroup) {
        super(string("Last Seen", "When the event was last observed."),
                string("Type", "The type of the event: Normal or Warning."),
                string("Reason", "Why the event happened, in one word."),
                string("Object", "The object the event is about."),
                string("Subobject", "The part of the object the event is about, e.g. a container.").wide(),
                string("Source", "The component, and host, that reported the event.").wide(),
                string("Message", "What happened, for people."),
                string("First Seen", "When the event was first observed.").wide(),
                string("Count", "How many times the event has occurred.").wide(),
                new ColumnDefinition("Name", "string", "name", "The event's name.", 1));
        this.eventsGroup = eventsGroup;
    }

    @Override
    void print(JsonNode event, Instant now, Cells cells) {
        JsonNode involved = Json.at(event, eventsGroup ? "regarding" : "involvedObject");
        Instant firstTimestamp = Json.time(event, eventsGroup ? "deprecatedFirstTimestamp" : "firstTimestamp");
        Instant lastTimestamp = Json.time(event, eventsGroup ? "deprecatedLastTimestamp" : "lastTimestamp");
        String firstSeen = firstTimestamp != null
                ? Json.since(firstTimestamp, now)
                : Json.since(Json.time(event, "eventTime"), now);
        String lastSeen = lastTimestamp != null ? Json.since(lastTimestamp, now) : firstSeen;
        long count = Json.number(event, eventsGroup ? "deprecatedCount" : "count");
        if (Json.present(event, "series")) {
            lastSeen = Json.since(Json.time(event, "series", "lastObservedTime"), now);
            count = Json.number(event, "series", "count");
        } else if (count == 0) {
            // Singleton events of the new API carry no count.
            count = 1;
        }
        String kind = Json.text(involved, "kind").toLowerCase(Locale.ROOT);
        String involvedName = Json.text(involved, "name");
        String target = involvedName.isEmpty() ? kind : kind + "/" + involvedName;
        cells.text(lastSeen)
                .text(Json.text(event, "type"))
                .text(Json.text(event, "reason"))
                .text(target)
                .text(Json.text(involved, "fieldPath"))
                .text(source(event))
                .text(Json.text(event, eventsGroup ? "note" : "message").strip())
                .text(firstSeen)
                .integer(count)
                .text(name(event));
    }

    // The source's component (else the reporting controller), then its host (else the reporting instance).
    private String source(JsonNode event) {
        String sourceField = eventsGroup ? "deprecatedSource" : "source";
        String controllerField = eventsGroup ? "reportingController" : "reportingComponent";
        String component = Json.text(event, sourceField, "component");
        if (component.isEmpty()) {
            component = Json.text(event, controllerField);
        }
        String host = Json.text(event, sourceField, "host");
        if (host.isEmpty()) {
            host = Json.text(event, "reportingInstance");
        }
        return host.isEmpty() ? component : component + ", " + host;
    }
}
