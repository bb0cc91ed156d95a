package dev.skiff.engine.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StructuralSchemaTest {

    @Test
    void readsTheWidgetSchemaTree() {
        StructuralSchema schema = WidgetCrd.schema();
        StructuralSchema spec = schema.properties().get("spec");

        assertThat(schema.type()).isEqualTo("object");
        assertThat(spec.required()).containsExactly("name");
        assertThat(spec.properties().get("replicas").maximum()).isEqualTo(10.0);
        assertThat(spec.properties().get("replicas").defaultValue().intValue()).isEqualTo(1);
        assertThat(spec.properties().get("size").enumValues()).extracting(n -> n.asText())
                .containsExactly("small", "medium");
        assertThat(spec.properties().get("items").items().properties()).containsKeys("name", "weight");
        assertThat(spec.properties().get("labels").additionalProperties().type()).isEqualTo("string");
        assertThat(spec.properties().get("port").intOrString()).isTrue();
        assertThat(spec.properties().get("extra").preserveUnknownFields()).isTrue();
        assertThat(spec.properties().get("template").embeddedResource()).isTrue();
    }

    @Test
    void theWidgetSchemaIsStructural() {
        assertThat(StructuralSchema.structuralProblems(WidgetCrd.openAPIV3Schema())).isEmpty();
    }

    @Test
    void reportsAPropertyWithoutTypeInKubernetesWords() {
        var schema = WidgetCrd.read("""
            {"type": "object", "properties": {"spec": {"properties": {"a": {"type": "string"}}}}}
            """);

        assertThat(StructuralSchema.structuralProblems(schema, "spec.versions[0].schema.openAPIV3Schema"))
                .containsExactly("spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: "
                        + "must not be empty for specified object fields");
    }

    @Test
    void reportsMissingTypesAtRootAndInArrayItems() {
        var schema = WidgetCrd.read("""
            {"properties": {"list": {"type": "array", "items": {"properties": {}}}}}
            """);

        assertThat(StructuralSchema.structuralProblems(schema)).containsExactly(
                "openAPIV3Schema.type: Required value: must not be empty at the root",
                "openAPIV3Schema.properties[list].items.type: Required value: must not be empty for specified array items");
    }

    @Test
    void acceptsUntypedFieldsUnderPreserveUnknownFieldsOrIntOrString() {
        var schema = WidgetCrd.read("""
            {"type": "object", "properties": {
              "free": {"x-kubernetes-preserve-unknown-fields": true},
              "port": {"x-kubernetes-int-or-string": true}}}
            """);

        assertThat(StructuralSchema.structuralProblems(schema)).isEmpty();
    }

    @Test
    void reportsArraysWithoutItemsAndUnknownTypes() {
        var schema = WidgetCrd.read("""
            {"type": "object", "properties": {"list": {"type": "array"}, "odd": {"type": "float"}}}
            """);

        assertThat(StructuralSchema.structuralProblems(schema)).containsExactly(
                "openAPIV3Schema.properties[list].items: Required value: must be specified",
                "openAPIV3Schema.properties[odd].type: Unsupported value: \"float\": supported values: "
                        + "\"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"");
    }

    @Test
    void reportsIntOrStringWithATypeAndPropertiesNextToAdditionalProperties() {
        var schema = WidgetCrd.read("""
            {"type": "object", "properties": {
              "port": {"type": "string", "x-kubernetes-int-or-string": true},
              "map": {"type": "object", "properties": {"a": {"type": "string"}},
                      "additionalProperties": {"type": "string"}}}}
            """);

        assertThat(StructuralSchema.structuralProblems(schema)).containsExactly(
                "openAPIV3Schema.properties[port].type: Invalid value: \"string\": "
                        + "must be empty if x-kubernetes-int-or-string is true",
                "openAPIV3Schema.properties[map].additionalProperties: Forbidden: "
                        + "additionalProperties and properties are mutual exclusive");
    }
}
