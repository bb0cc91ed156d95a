package dev.skiff.engine.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.e2e.ApiHttp;
import dev.skiff.engine.api.e2e.TestEngine;
import dev.skiff.engine.api.events.EventRecorder;
import dev.skiff.engine.controllers.events.EventExpiry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine's own events: repeated ones raise a count, and old ones expire. */
class EventsTest {

    @Test
    void aRepeatedEventRaisesItsCountAndExpiredEventsAreDeleted() throws Exception {
        try (TestEngine engine = TestEngine.start()) {
            ApiHttp api = ApiHttp.of(engine);
            JsonNode cm = api.post("/api/v1/namespaces/default/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"subject\"}}").json();
            EventRecorder recorder = new EventRecorder(engine.server().registry(), engine.server().resources(), "tester");

            recorder.record(cm, "Warning", "Broken", "it broke");
            recorder.record(cm, "Warning", "Broken", "it broke");
            recorder.record(cm, "Normal", "Fixed", "it works");

            JsonNode events = api.get("/api/v1/namespaces/default/events?fieldSelector=reason%3DBroken").json();
            assertThat(events.path("items")).hasSize(1);
            JsonNode broken = events.path("items").get(0);
            assertThat(broken.path("count").asInt()).isEqualTo(2);
            assertThat(broken.at("/involvedObject/name").asText()).isEqualTo("subject");
            assertThat(broken.at("/source/component").asText()).isEqualTo("tester");
            assertThat(engine.kubectl().run("get", "events").assertOk().out()).contains("Warning", "Broken",
                    "configmap/subject", "it broke");

            new EventExpiry(engine.server().registry(), engine.server().resources(), Duration.ofSeconds(-5),
                    Duration.ofMinutes(1)).expire();

            assertThat(api.get("/api/v1/namespaces/default/events").json().path("items")).isEmpty();
        }
    }
}
