package dev.skiff.engine.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DefaultingTest {

    @Test
    void setsAbsentReplicasToOne() {
        ObjectNode widget = WidgetCrd.widget("{\"name\": \"abc\"}");

        Defaulting.applyDefaults(widget, WidgetCrd.schema());

        assertThat(widget.at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void leavesGivenValuesAlone() {
        ObjectNode widget = WidgetCrd.widget("{\"replicas\": 7}");

        Defaulting.applyDefaults(widget, WidgetCrd.schema());

        assertThat(widget.at("/spec/replicas").asInt()).isEqualTo(7);
    }

    @Test
    void replacesNullInANonNullableFieldWithTheDefault() {
        ObjectNode widget = WidgetCrd.widget("{\"replicas\": null}");

        Defaulting.applyDefaults(widget, WidgetCrd.schema());

        assertThat(widget.at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void defaultsInsideArrayItemsAndInsideDefaultedObjects() {
        ObjectNode widget = WidgetCrd.widget("""
            {"items": [{"name": "a"}, {"name": "b", "weight": 9, "policy": {"mode": "Manual"}}]}
            """);

        Defaulting.applyDefaults(widget, WidgetCrd.schema());

        assertThat(widget.at("/spec/items/0").toString())
                .isEqualTo("{\"name\":\"a\",\"weight\":5,\"policy\":{\"mode\":\"Auto\"}}");
        assertThat(widget.at("/spec/items/1").toString())
                .isEqualTo("{\"name\":\"b\",\"weight\":9,\"policy\":{\"mode\":\"Manual\"}}");
    }

    @Test
    void doesNotCreateParentsThatHaveNoDefault() {
        ObjectNode widget = WidgetCrd.widget("{}");
        widget.remove("spec");

        Defaulting.applyDefaults(widget, WidgetCrd.schema());

        assertThat(widget.has("spec")).isFalse();
    }

    @Test
    void copiesDefaultsSoObjectsDoNotShareThem() {
        StructuralSchema schema = WidgetCrd.schema();
        ObjectNode first = WidgetCrd.widget("{\"items\": [{}]}");
        ObjectNode second = WidgetCrd.widget("{\"items\": [{}]}");

        Defaulting.applyDefaults(first, schema);
        Defaulting.applyDefaults(second, schema);
        ((ObjectNode) first.at("/spec/items/0/policy")).put("mode", "Changed");

        assertThat(second.at("/spec/items/0/policy/mode").asText()).isEqualTo("Auto");
    }
}
