package dev.skiff.engine.api.schema;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives {@link FieldSchema}s from fabric8 model classes with Jackson's own bean introspection, so the
 * field names and types are exactly those Jackson would bind. Results are cached per class.
 *
 * <p>fabric8 classes carry an {@code additionalProperties} any-setter that swallows unknown keys; it is not a
 * field. A class with no properties besides that map (e.g. {@code FieldsV1}) is free-form JSON.
 */
final class ModelIntrospector {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<Class<?>, FieldSchema> CACHE = new ConcurrentHashMap<>();

    /** Fields whose Go type fabric8 flattens: these maps hold base64 {@code []byte} values, not plain strings. */
    private static final Map<String, FieldSchema> BYTE_MAPS = Map.of(
            Secret.class.getName() + "#data", new MapSchema(ScalarSchema.BYTES),
            ConfigMap.class.getName() + "#binaryData", new MapSchema(ScalarSchema.BYTES));

    private ModelIntrospector() {
    }

    /** The shape of a fabric8 model class; built once, including everything it refers to. */
    static FieldSchema of(Class<?> type) {
        FieldSchema cached = CACHE.get(type);
        if (cached != null) {
            return cached;
        }
        synchronized (ModelIntrospector.class) {
            Map<Class<?>, FieldSchema> built = new HashMap<>();
            FieldSchema schema = new Build(built).shape(MAPPER.constructType(type));
            // publish only complete graphs, so readers never see a struct before its fields are defined
            CACHE.putAll(built);
            return schema;
        }
    }

    /** One introspection pass; {@code built} holds the structs seen so far, which also breaks cycles. */
    private record Build(Map<Class<?>, FieldSchema> built) {

        FieldSchema shape(JavaType type) {
            Class<?> raw = type.getRawClass();
            if (type.isArrayType() && raw == byte[].class) {
                return ScalarSchema.STRING; // base64, as Go encodes []byte
            }
            if (type.isCollectionLikeType() || type.isArrayType()) {
                return new ListSchema(shape(type.getContentType()));
            }
            if (type.isMapLikeType()) {
                return new MapSchema(shape(type.getContentType()));
            }
            FieldSchema scalar = scalar(raw);
            if (scalar != null) {
                return scalar;
            }
            FieldSchema known = CACHE.get(raw);
            if (known == null) {
                known = built.get(raw);
            }
            return known != null ? known : struct(type);
        }

        private FieldSchema struct(JavaType type) {
            Class<?> raw = type.getRawClass();
            BeanDescription bean = MAPPER.getDeserializationConfig().introspect(type);
            var properties = bean.findProperties().stream().filter(BeanPropertyDefinition::couldDeserialize).toList();
            String definitionName = DefinitionNames.of(raw);
            if (properties.isEmpty() && bean.findAnySetterAccessor() != null) {
                FreeFormSchema freeForm = new FreeFormSchema(definitionName,
                        DefinitionNames.goPackage(definitionName) + "." + raw.getSimpleName());
                built.put(raw, freeForm);
                return freeForm;
            }
            StructSchema struct = new StructSchema(raw, definitionName,
                    DefinitionNames.goPackage(definitionName));
            built.put(raw, struct);
            Map<String, FieldSchema> fields = new LinkedHashMap<>();
            for (BeanPropertyDefinition property : properties) {
                FieldSchema override = BYTE_MAPS.get(raw.getName() + "#" + property.getName());
                fields.put(property.getName(), override != null ? override : shape(property.getPrimaryType()));
            }
            struct.define(fields);
            return struct;
        }

        private static FieldSchema scalar(Class<?> raw) {
            if (raw == String.class || raw.isEnum() || raw == Character.class || raw == char.class) {
                return ScalarSchema.STRING;
            }
            if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
                return ScalarSchema.INT32;
            }
            if (raw == Long.class || raw == long.class) {
                return ScalarSchema.INT64;
            }
            if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
                return ScalarSchema.FLOAT64;
            }
            if (raw == Boolean.class || raw == boolean.class) {
                return ScalarSchema.BOOLEAN;
            }
            if (raw == IntOrString.class) {
                return ScalarSchema.INT_OR_STRING;
            }
            if (raw == Quantity.class) {
                return ScalarSchema.QUANTITY;
            }
            // fabric8 maps metav1.MicroTime to its own class in core and to ZonedDateTime in coordination
            if (raw == MicroTime.class || raw == ZonedDateTime.class || raw == OffsetDateTime.class
                    || raw == Instant.class) {
                return ScalarSchema.MICRO_TIME;
            }
            if (raw == Object.class || AnyType.class.isAssignableFrom(raw) || JsonNode.class.isAssignableFrom(raw)) {
                return FreeFormSchema.ANY;
            }
            return null;
        }
    }
}
