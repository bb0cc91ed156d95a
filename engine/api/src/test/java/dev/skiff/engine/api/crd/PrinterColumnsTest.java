package dev.skiff.engine.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrinterColumnsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:05:30Z");

    private static ObjectNode readyWidget() {
        ObjectNode widget = WidgetCrd.widget("""
            {"name": "abc", "size": "medium", "replicas": 3, "paused": true, "ratio": 0.25,
             "items": [{"name": "first"}, {"name": "second"}]}
            """);
        widget.set("status", WidgetCrd.read("""
            {"conditions": [{"type": "Progressing", "status": "False"}, {"type": "Ready", "status": "True"}]}
            """));
        return widget;
    }

    @Test
    void evaluatesTheJsonPathsCrdsUse() {
        ObjectNode widget = readyWidget();

        assertThat(JsonPathColumn.evaluate(".spec.replicas", widget).intValue()).isEqualTo(3);
        assertThat(JsonPathColumn.evaluate(".status.conditions[?(@.type==\"Ready\")].status", widget).asText())
                .isEqualTo("True");
        assertThat(JsonPathColumn.evaluate(".metadata.creationTimestamp", widget).asText())
                .isEqualTo("2026-01-01T10:00:00Z");
        assertThat(JsonPathColumn.evaluate(".spec.items[0].name", widget).asText()).isEqualTo("first");
        assertThat(JsonPathColumn.evaluate(".spec.items[-1].name", widget).asText()).isEqualTo("second");
        assertThat(JsonPathColumn.evaluate("{.metadata['name']}", widget).asText()).isEqualTo("w1");
        assertThat(JsonPathColumn.parse(".spec.items[*].name").findAll(widget)).hasSize(2);
    }

    @Test
    void filtersCompareNumbersAndTestExistence() {
        var list = WidgetCrd.read("""
            {"items": [{"n": 1, "name": "one"}, {"n": 5, "name": "five", "flag": true}]}
            """);

        assertThat(JsonPathColumn.evaluate(".items[?(@.n > 2)].name", list).asText()).isEqualTo("five");
        assertThat(JsonPathColumn.evaluate(".items[?(@.flag)].name", list).asText()).isEqualTo("five");
        assertThat(JsonPathColumn.evaluate(".items[?(@.name != 'five')].n", list).asInt()).isEqualTo(1);
    }

    @Test
    void absentValuesEvaluateToNull() {
        ObjectNode widget = readyWidget();

        assertThat(JsonPathColumn.evaluate(".spec.missing.deeper", widget)).isNull();
        assertThat(JsonPathColumn.evaluate(".spec.items[5].name", widget)).isNull();
        assertThat(JsonPathColumn.evaluate(".status.conditions[?(@.type==\"Stalled\")].status", widget)).isNull();
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> JsonPathColumn.parse(".spec.items[0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid JSONPath");
    }

    @Test
    void buildsTheTableRowWithTypedCells() {
        var cells = PrinterColumns.cells(WidgetCrd.version(), readyWidget(), NOW);

        assertThat(cells.toString())
                .isEqualTo("[\"w1\",\"medium\",3,\"True\",true,0.25,\"2026-01-01T10:00:00Z\"]");
    }

    @Test
    void absentOrMistypedValuesBecomeNullCells() {
        ObjectNode widget = WidgetCrd.widget("{\"replicas\": \"lots\"}");

        var cells = PrinterColumns.cells(WidgetCrd.version(), widget, NOW);

        assertThat(cells.toString()).isEqualTo("[\"w1\",null,null,null,null,null,\"2026-01-01T10:00:00Z\"]");
    }

    @Test
    void columnDefinitionsStartWithName() {
        var definitions = PrinterColumns.columnDefinitions(WidgetCrd.version());

        assertThat(definitions).extracting(d -> d.get("name").asText())
                .containsExactly("Name", "Size", "Replicas", "Ready", "Paused", "Ratio", "Age");
        assertThat(definitions.get(0).get("format").asText()).isEqualTo("name");
        assertThat(definitions.get(4).get("priority").asInt()).isEqualTo(1);
    }

    @Test
    void aVersionWithoutColumnsShowsAge() {
        var version = WidgetCrd.read("{\"name\": \"v1\"}");

        assertThat(PrinterColumns.cells(version, readyWidget(), NOW).toString())
                .isEqualTo("[\"w1\",\"2026-01-01T10:00:00Z\"]");
        assertThat(PrinterColumns.printed(version, readyWidget(), NOW)).containsExactly("w1", "5m30s");
    }

    @Test
    void kubectlShowsDatesAsAgesAndMissingValuesAsNone() {
        ObjectNode widget = readyWidget();
        ((ObjectNode) widget.get("spec")).remove("size");

        assertThat(PrinterColumns.printed(WidgetCrd.version(), widget, NOW))
                .containsExactly("w1", "<none>", "3", "True", "true", "0.25", "5m30s");
    }

    @Test
    void agesReadLikeKubectl() {
        Instant then = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(PrinterColumns.age(then, then.plusSeconds(90))).isEqualTo("90s");
        assertThat(PrinterColumns.age(then, then.plusSeconds(3 * 3600 + 120))).isEqualTo("3h2m");
        assertThat(PrinterColumns.age(then, then.plusSeconds(30 * 3600))).isEqualTo("30h");
        assertThat(PrinterColumns.age(then, then.plusSeconds(3 * 86400 + 3600))).isEqualTo("3d1h");
        assertThat(PrinterColumns.age(then, then.plusSeconds(40 * 86400))).isEqualTo("40d");
    }
}
