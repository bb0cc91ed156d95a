package dev.skiff.engine.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PruningTest {

    @Test
    void removesUnknownFieldsAndReportsTheirPaths() {
        ObjectNode widget = WidgetCrd.widget("""
            {"name": "abc", "bogus": 1, "items": [{"name": "a", "color": "red"}]}
            """);
        widget.put("topLevel", true);

        var pruned = Pruning.prune(widget, WidgetCrd.schema());

        assertThat(pruned).containsExactly("spec.bogus", "spec.items[0].color", "topLevel");
        assertThat(widget.path("spec").has("bogus")).isFalse();
        assertThat(widget.at("/spec/items/0").toString()).isEqualTo("{\"name\":\"a\"}");
        assertThat(widget.has("topLevel")).isFalse();
    }

    @Test
    void keepsApiVersionKindAndWholeMetadataAtTheRoot() {
        ObjectNode widget = WidgetCrd.widget("{\"name\": \"abc\"}");
        ((ObjectNode) widget.get("metadata")).putObject("labels").put("app", "x");

        assertThat(Pruning.prune(widget, WidgetCrd.schema())).isEmpty();
        assertThat(widget.get("apiVersion").asText()).isEqualTo("example.com/v1");
        assertThat(widget.get("kind").asText()).isEqualTo("Widget");
        assertThat(widget.at("/metadata/labels/app").asText()).isEqualTo("x");
    }

    @Test
    void keepsUnknownFieldsUnderPreserveUnknownFieldsButPrunesItsDeclaredProperties() {
        ObjectNode widget = WidgetCrd.widget("""
            {"extra": {"anything": {"deep": 1}, "known": {"a": "x", "b": "dropped"}}}
            """);

        assertThat(Pruning.prune(widget, WidgetCrd.schema())).containsExactly("spec.extra.known.b");
        assertThat(widget.at("/spec/extra/anything/deep").asInt()).isEqualTo(1);
    }

    @Test
    void keepsMapEntriesOfAdditionalProperties() {
        ObjectNode widget = WidgetCrd.widget("{\"labels\": {\"a\": \"1\", \"b\": \"2\"}}");

        assertThat(Pruning.prune(widget, WidgetCrd.schema())).isEmpty();
        assertThat(widget.at("/spec/labels").size()).isEqualTo(2);
    }

    @Test
    void embeddedResourcesKeepTypeMetaAndMetadata() {
        ObjectNode widget = WidgetCrd.widget("""
            {"template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                          "spec": {"x": "y", "z": 1}, "junk": true}}
            """);

        assertThat(Pruning.prune(widget, WidgetCrd.schema()))
                .containsExactly("spec.template.junk", "spec.template.spec.z");
        assertThat(widget.at("/spec/template/kind").asText()).isEqualTo("Pod");
        assertThat(widget.at("/spec/template/metadata/name").asText()).isEqualTo("p");
    }
}
