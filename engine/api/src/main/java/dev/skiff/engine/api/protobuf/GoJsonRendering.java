package dev.skiff.engine.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.skiff.engine.api.text.GoDuration;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Renders a decoded Kubernetes protobuf message as the JSON that Go's encoding/json would write for the
 * struct it came from.
 *
 * <p>gogo-protobuf writes every non-pointer Go field, even when empty, so presence on the wire only means
 * something for pointer fields. The rule, per singular field:
 * <ul>
 *   <li>a Go pointer field ({@link GoFieldShapes#isPointer}) is kept whenever it is on the wire, even as
 *       {@code 0}, {@code false}, {@code ""} or {@code {}} (e.g. {@code replicas: 0},
 *       {@code emptyDir: {}});</li>
 *   <li>a non-pointer number or boolean without omitempty ({@link GoFieldShapes#isAlwaysWritten}, e.g. a
 *       ServicePort's {@code port}) is kept even when zero, as Go's JSON writes it;</li>
 *   <li>any other empty value is dropped: empty strings, zero numbers, false, empty objects and arrays.
 *       For non-pointer structs Go's JSON would write {@code {}}, but decoding {@code {}} and an absent field
 *       into Go gives the same struct, so the shorter form loses nothing;</li>
 *   <li>a zero Time (an empty message, as Go writes it) is dropped; Go's JSON writes {@code null}.</li>
 * </ul>
 * Values inside arrays and maps are never dropped ({@code data: {"a": ""}} stays).
 */
final class GoJsonRendering {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final String TIME = META + "Time";
    private static final String MICRO_TIME = META + "MicroTime";
    private static final String DURATION = META + "Duration";
    private static final String FIELDS_V1 = META + "FieldsV1";
    private static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    private static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    private static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
    /** Go slice types ({@code type ExtraValue []string}) that protobuf wraps in a message with {@code items}. */
    private static final List<String> STRING_LISTS = List.of(
            META + "Verbs",
            "k8s.io.api.authentication.v1.ExtraValue",
            "k8s.io.api.authorization.v1.ExtraValue",
            "k8s.io.api.certificates.v1.ExtraValue");

    private GoJsonRendering() {
    }

    /** The fields of {@code message} as a JSON object; {@code path} names it in error messages. */
    static ObjectNode object(Message message, FieldPath path) {
        ObjectNode object = NODES.objectNode();
        writeFields(message, path, object);
        return object;
    }

    private static void writeFields(Message message, FieldPath path, ObjectNode into) {
        refuseUnknownFields(message, path);
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            String name = GoFieldShapes.jsonName(field);
            FieldPath fieldPath = path.field(name);
            if (field.isMapField()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    into.set(name, map(message, field, fieldPath));
                }
            } else if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    into.set(name, array(message, field, fieldPath));
                }
            } else if (message.hasField(field)) {
                if (GoFieldShapes.isInline(field)) {
                    writeFields((Message) message.getField(field), path, into);
                    continue;
                }
                JsonNode value = value(field, message.getField(field), fieldPath);
                if (value != null && !(omittable(field) && isEmpty(value))) {
                    into.set(name, value);
                }
            }
        }
    }

    private static boolean omittable(FieldDescriptor field) {
        return !GoFieldShapes.isPointer(field) && !GoFieldShapes.isAlwaysWritten(field);
    }

    private static boolean isEmpty(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> value.textValue().isEmpty();
            case NUMBER -> value.isIntegralNumber() ? value.bigIntegerValue().signum() == 0 : value.doubleValue() == 0;
            case BOOLEAN -> !value.booleanValue();
            case OBJECT, ARRAY -> value.isEmpty();
            default -> false;
        };
    }

    private static ArrayNode array(Message message, FieldDescriptor field, FieldPath path) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
            JsonNode element = value(field, message.getRepeatedField(field, i), path.index(i));
            array.add(element == null ? NODES.nullNode() : element);
        }
        return array;
    }

    private static ObjectNode map(Message message, FieldDescriptor field, FieldPath path) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        ObjectNode map = NODES.objectNode();
        for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            refuseUnknownFields(entry, path);
            String key = String.valueOf(entry.getField(keyField));
            JsonNode value = value(valueField, entry.getField(valueField), path.key(key));
            map.set(key, value == null ? NODES.nullNode() : value);
        }
        return map;
    }

    /** One value of {@code field}; {@code null} where Go's JSON would write {@code null} (a zero Time). */
    private static JsonNode value(FieldDescriptor field, Object value, FieldPath path) {
        return switch (field.getJavaType()) {
            case MESSAGE -> message((Message) value, path);
            case STRING -> NODES.textNode((String) value);
            case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> isUnsigned(field)
                    ? NODES.numberNode(Integer.toUnsignedLong((Integer) value))
                    : NODES.numberNode((Integer) value);
            case LONG -> isUnsigned(field)
                    ? NODES.numberNode(new BigInteger(Long.toUnsignedString((Long) value)))
                    : NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case ENUM -> NODES.textNode(value.toString());
        };
    }

    private static boolean isUnsigned(FieldDescriptor field) {
        return switch (field.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
    }

    private static JsonNode message(Message message, FieldPath path) {
        String type = message.getDescriptorForType().getFullName();
        if (type.equals(TIME) || type.equals(MICRO_TIME)) {
            refuseUnknownFields(message, path);
            return time(message, type.equals(MICRO_TIME));
        }
        if (type.equals(INT_OR_STRING)) {
            refuseUnknownFields(message, path);
            long kind = (Long) field(message, "type");
            return kind == 1 ? NODES.textNode((String) field(message, "strVal")) : NODES.numberNode((Integer) field(message, "intVal"));
        }
        if (type.equals(QUANTITY)) {
            refuseUnknownFields(message, path);
            return NODES.textNode((String) field(message, "string"));
        }
        if (type.equals(DURATION)) {
            refuseUnknownFields(message, path);
            return NODES.textNode(GoDuration.format((Long) field(message, "duration")));
        }
        if (type.equals(RAW_EXTENSION)) {
            refuseUnknownFields(message, path);
            return embedded((ByteString) field(message, "raw"), path);
        }
        if (type.equals(FIELDS_V1)) {
            refuseUnknownFields(message, path);
            return embedded((ByteString) field(message, "Raw"), path);
        }
        if (STRING_LISTS.contains(type)) {
            refuseUnknownFields(message, path);
            ArrayNode items = NODES.arrayNode();
            for (Object item : (List<?>) field(message, "items")) {
                items.add((String) item);
            }
            return items;
        }
        return object(message, path);
    }

    private static Object field(Message message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    /**
     * Go writes a zero Time as an empty message; a set one always carries seconds (even 0 for the epoch).
     * Time is JSON with whole seconds (Go drops the nanoseconds), MicroTime with six fractional digits.
     */
    private static JsonNode time(Message message, boolean micro) {
        if (message.getAllFields().isEmpty()) {
            return null;
        }
        long seconds = (Long) field(message, "seconds");
        int nanos = (Integer) field(message, "nanos");
        if (micro) {
            return NODES.textNode(RFC3339_MICRO.format(Instant.ofEpochSecond(seconds, nanos)));
        }
        return NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds)));
    }

    /** The bytes of a RawExtension or FieldsV1: JSON, or a nested object in Kubernetes' protobuf encoding. */
    private static JsonNode embedded(ByteString raw, FieldPath path) {
        if (raw.isEmpty()) {
            return null;
        }
        byte[] bytes = raw.toByteArray();
        if (ProtobufBodies.hasProtobufPrefix(bytes)) {
            return ProtobufBodies.decode(bytes, path.embedded());
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ProtobufDecodingException(
                    "the embedded object at \"" + path.text() + "\" is neither JSON nor Kubernetes protobuf: " + e.getMessage(), e);
        }
    }

    /**
     * A field number the descriptor does not know means the client is newer than our schema; dropping it
     * would silently lose what the user asked for.
     */
    private static void refuseUnknownFields(Message message, FieldPath path) {
        Map<Integer, ?> unknown = message.getUnknownFields().asMap();
        if (!unknown.isEmpty()) {
            throw new ProtobufDecodingException("protobuf field number " + unknown.keySet().iterator().next()
                    + " of message " + message.getDescriptorForType().getFullName()
                    + (path.isRoot() ? "" : " at \"" + path.text() + "\"")
                    + " is not in this server's protobuf schema, which is older than the client; refusing to drop it");
        }
    }
}
