package dev.skiff.engine.api.crd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Widget CRD version like users write: enum size, bounded replicas with a default, status, columns. */
final class WidgetCrd {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String VERSION = """
        {
          "name": "v1",
          "served": true,
          "storage": true,
          "subresources": {"status": {}},
          "additionalPrinterColumns": [
            {"name": "Size", "type": "string", "jsonPath": ".spec.size"},
            {"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"},
            {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\\"Ready\\")].status"},
            {"name": "Paused", "type": "boolean", "jsonPath": ".spec.paused", "priority": 1},
            {"name": "Ratio", "type": "number", "jsonPath": ".spec.ratio", "priority": 1},
            {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}
          ],
          "schema": {
            "openAPIV3Schema": {
              "type": "object",
              "properties": {
                "spec": {
                  "type": "object",
                  "required": ["name"],
                  "properties": {
                    "name": {"type": "string", "minLength": 3, "maxLength": 10, "pattern": "^[a-z]+$"},
                    "size": {"type": "string", "enum": ["small", "medium"]},
                    "replicas": {"type": "integer", "minimum": 0, "maximum": 10, "default": 1},
                    "paused": {"type": "boolean"},
                    "ratio": {"type": "number", "exclusiveMaximum": true, "maximum": 1.5},
                    "startAt": {"type": "string", "format": "date-time"},
                    "port": {"x-kubernetes-int-or-string": true},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                              "properties": {"known": {"type": "object", "properties": {"a": {"type": "string"}}}}},
                    "template": {"type": "object", "x-kubernetes-embedded-resource": true,
                                 "properties": {"spec": {"type": "object", "properties": {"x": {"type": "string"}}}}},
                    "items": {
                      "type": "array", "maxItems": 2, "minItems": 1,
                      "items": {
                        "type": "object",
                        "properties": {
                          "name": {"type": "string"},
                          "weight": {"type": "integer", "default": 5},
                          "policy": {"type": "object", "default": {}, "properties": {
                             "mode": {"type": "string", "default": "Auto"}}}
                        }
                      }
                    }
                  }
                },
                "status": {
                  "type": "object",
                  "properties": {
                    "conditions": {"type": "array", "items": {"type": "object", "properties": {
                      "type": {"type": "string"}, "status": {"type": "string"}}}}
                  }
                }
              }
            }
          }
        }
        """;

    private WidgetCrd() {
    }

    static JsonNode version() {
        return read(VERSION);
    }

    static JsonNode openAPIV3Schema() {
        return version().path("schema").path("openAPIV3Schema");
    }

    static StructuralSchema schema() {
        return StructuralSchema.of(openAPIV3Schema());
    }

    static ObjectNode widget(String specJson) {
        ObjectNode widget = (ObjectNode) read("""
            {"apiVersion": "example.com/v1", "kind": "Widget",
             "metadata": {"name": "w1", "namespace": "default", "creationTimestamp": "2026-01-01T10:00:00Z"}}
            """);
        widget.set("spec", read(specJson));
        return widget;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
