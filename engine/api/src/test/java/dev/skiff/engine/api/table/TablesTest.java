package dev.skiff.engine.api.table;

import static dev.skiff.engine.api.table.Fixtures.NOW;
import static dev.skiff.engine.api.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

    private static final JsonNode CONFIG_MAP = json("""
            {"apiVersion":"v1","kind":"ConfigMap",
             "metadata":{"name":"cfg","namespace":"shop","uid":"u-1","resourceVersion":"17",
                         "creationTimestamp":"2025-03-01T11:59:00Z","labels":{"app":"web"}},
             "data":{"a":"1"}}
            """);

    private final TableConvertor configMaps = TableConvertor.forKind("", "ConfigMap");

    @Test
    void rendersATableWithPartialObjectMetadataRows() {
        ObjectNode table = Tables.render(configMaps, List.of(CONFIG_MAP), "42", null, IncludeObjectPolicy.METADATA,
                NOW);

        assertThat(json(table.toString())).isEqualTo(json("""
                {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"42"},
                 "columnDefinitions":[
                   {"name":"Name","type":"string","format":"name",
                    "description":"The object's name, unique among objects of its kind in its namespace.","priority":0},
                   {"name":"Data","type":"string","format":"","description":"The number of keys in data and binaryData.",
                    "priority":0},
                   {"name":"Age","type":"string","format":"",
                    "description":"Time since the object was created (metadata.creationTimestamp).","priority":0}],
                 "rows":[{"cells":["cfg",1,"60s"],
                          "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                                    "metadata":{"name":"cfg","namespace":"shop","uid":"u-1","resourceVersion":"17",
                                                "creationTimestamp":"2025-03-01T11:59:00Z","labels":{"app":"web"}}}}]}
                """));
        assertThat(table.fieldNames()).toIterable()
                .containsExactly("kind", "apiVersion", "metadata", "columnDefinitions", "rows");
    }

    @Test
    void includesTheWholeObjectOrNothingWhenAsked() {
        ObjectNode whole = Tables.render(configMaps, List.of(CONFIG_MAP), "42", null, IncludeObjectPolicy.OBJECT, NOW);
        ObjectNode none = Tables.render(configMaps, List.of(CONFIG_MAP), "42", null, IncludeObjectPolicy.NONE, NOW);

        assertThat(whole.at("/rows/0/object")).isEqualTo(CONFIG_MAP);
        assertThat(none.at("/rows/0").has("object")).isTrue();
        assertThat(none.at("/rows/0/object").isNull()).isTrue();
    }

    @Test
    void carriesTheContinueTokenAndRemainingCount() {
        ObjectNode table = Tables.render(configMaps, List.of(), new ListMeta("42", "token-1", 7L),
                TableOptions.DEFAULT, NOW);

        assertThat(json(table.get("metadata").toString())).isEqualTo(json(
                "{\"resourceVersion\":\"42\",\"continue\":\"token-1\",\"remainingItemCount\":7}"));
        assertThat(table.get("rows")).isEmpty();
    }

    @Test
    void leavesOutColumnsForWatchEventsAfterTheFirst() {
        ObjectNode table = Tables.render(configMaps, List.of(CONFIG_MAP), ListMeta.of("17"),
                TableOptions.DEFAULT.withoutHeaders(), NOW);

        assertThat(table.get("columnDefinitions").isNull()).isTrue();
        assertThat(table.at("/rows/0/cells/0").asText()).isEqualTo("cfg");
    }

    @Test
    void addsConditionsToRowsOfFinishedPods() {
        JsonNode pod = json("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]},"
                + "\"status\":{\"phase\":\"Failed\"}}");

        ObjectNode row = Tables.row(TableConvertor.forKind("", "Pod"), pod, IncludeObjectPolicy.METADATA, NOW);

        assertThat(row.get("conditions")).isEqualTo(json(
                "[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Failed\",\"message\":\"The pod failed.\"}]"));
        assertThat(row.fieldNames()).toIterable().containsExactly("cells", "conditions", "object");
    }

    @Test
    void readsTheIncludeObjectParameter() {
        assertThat(IncludeObjectPolicy.parse(null)).isEqualTo(IncludeObjectPolicy.METADATA);
        assertThat(IncludeObjectPolicy.parse("")).isEqualTo(IncludeObjectPolicy.METADATA);
        assertThat(IncludeObjectPolicy.parse("Object")).isEqualTo(IncludeObjectPolicy.OBJECT);
        assertThat(IncludeObjectPolicy.parse("None")).isEqualTo(IncludeObjectPolicy.NONE);
        assertThatThrownBy(() -> IncludeObjectPolicy.parse("All"))
                .isInstanceOf(TableOptionsException.class)
                .hasMessage("Unable to convert to Table as requested: includeObject: Invalid value: \"All\": "
                        + "must be 'Metadata', 'Object', 'None', or empty");
    }
}
