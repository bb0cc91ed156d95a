package dev.skiff.engine.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private static List<String> errors(String specJson) {
        return SchemaValidator.validate(WidgetCrd.widget(specJson), WidgetCrd.schema()).stream()
                .map(Violation::error).toList();
    }

    @Test
    void aValidWidgetHasNoViolations() {
        assertThat(errors("""
            {"name": "abc", "size": "small", "replicas": 3, "paused": false, "ratio": 0.5,
             "startAt": "2026-01-01T10:00:00Z", "port": "http", "labels": {"a": "b"}, "items": [{"name": "x"}]}
            """)).isEmpty();
    }

    @Test
    void reportsAStringWhereAnIntegerBelongs() {
        var violations = SchemaValidator.validate(WidgetCrd.widget("{\"name\": \"abc\", \"replicas\": \"three\"}"),
                WidgetCrd.schema());

        assertThat(violations).containsExactly(new Violation("FieldValueTypeInvalid", "spec.replicas",
                "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""));
    }

    @Test
    void reportsAValueOutsideTheEnum() {
        assertThat(errors("{\"name\": \"abc\", \"size\": \"huge\"}")).containsExactly(
                "spec.size: Unsupported value: \"huge\": supported values: \"small\", \"medium\"");
    }

    @Test
    void reportsBoundsOfNumbers() {
        assertThat(errors("{\"name\": \"abc\", \"replicas\": 11}")).containsExactly(
                "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10");
        assertThat(errors("{\"name\": \"abc\", \"replicas\": -1}")).containsExactly(
                "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0");
        assertThat(errors("{\"name\": \"abc\", \"ratio\": 1.5}")).containsExactly(
                "spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5");
    }

    @Test
    void reportsAMissingRequiredField() {
        var violations = SchemaValidator.validate(WidgetCrd.widget("{\"size\": \"small\"}"), WidgetCrd.schema());

        assertThat(violations).containsExactly(new Violation("FieldValueRequired", "spec.name", "Required value"));
    }

    @Test
    void reportsStringLengthAndPattern() {
        assertThat(errors("{\"name\": \"abcdefghijkl\"}"))
                .containsExactly("spec.name: Too long: may not be more than 10 bytes");
        assertThat(errors("{\"name\": \"ab\"}"))
                .containsExactly("spec.name: Invalid value: \"ab\": spec.name in body should be at least 3 chars long");
        assertThat(errors("{\"name\": \"ABC\"}"))
                .containsExactly("spec.name: Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'");
    }

    @Test
    void reportsItemCountsAndErrorsInsideItems() {
        assertThat(errors("{\"name\": \"abc\", \"items\": [{}, {}, {\"weight\": \"x\"}]}")).containsExactly(
                "spec.items[2].weight: Invalid value: \"string\": spec.items[2].weight in body must be of type integer: \"string\"",
                "spec.items: Too many: 3: must have at most 2 items");
        assertThat(errors("{\"name\": \"abc\", \"items\": []}")).containsExactly(
                "spec.items: Invalid value: 0: spec.items in body should have at least 1 items");
    }

    @Test
    void reportsNullInANonNullableField() {
        assertThat(errors("{\"name\": \"abc\", \"size\": null}")).containsExactly(
                "spec.size: Invalid value: \"null\": spec.size in body must be of type string: \"null\"");
    }

    @Test
    void reportsAMalformedDateTime() {
        assertThat(errors("{\"name\": \"abc\", \"startAt\": \"yesterday\"}")).containsExactly(
                "spec.startAt: Invalid value: \"yesterday\": spec.startAt in body must be of type date-time: \"yesterday\"");
    }

    @Test
    void intOrStringAcceptsBothAndRejectsOthers() {
        assertThat(errors("{\"name\": \"abc\", \"port\": 8080}")).isEmpty();
        assertThat(errors("{\"name\": \"abc\", \"port\": true}")).containsExactly(
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"");
        assertThat(errors("{\"name\": \"abc\", \"port\": null}")).containsExactly(
                "spec.port: Invalid value: \"null\": spec.port in body must be of type integer,string: \"null\"");
    }

    @Test
    void reportsANonStringAgainstTheDeclaredFormat() {
        assertThat(errors("{\"name\": \"abc\", \"startAt\": 5}")).containsExactly(
                "spec.startAt: Invalid value: \"int64\": spec.startAt in body must be of type date-time: \"int64\"");
    }

    @Test
    void acceptsAWholeFloatAsAnInteger() {
        assertThat(errors("{\"name\": \"abc\", \"replicas\": 2.0}")).isEmpty();
    }

    @Test
    void validatesMapValuesAgainstAdditionalProperties() {
        assertThat(errors("{\"name\": \"abc\", \"labels\": {\"a\": 1}}")).containsExactly(
                "spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type string: \"integer\"");
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        assertThat(errors("{\"size\": \"huge\", \"replicas\": 11}")).hasSize(3);
    }
}
