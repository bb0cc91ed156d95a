package dev.skiff.engine.api.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;

/**
 * Builds request bodies the way a Go client writes them: gogo-protobuf writes every non-pointer field, so
 * unset strings go out as "", numbers as 0 and structs as (nearly) empty messages.
 */
final class GoWire {

    private GoWire() {
    }

    /** {@code k8s\0} + runtime.Unknown around {@code object}, after filling in Go's always-written fields. */
    static byte[] body(String apiVersion, String kind, Message object) {
        return envelope(apiVersion, kind, withGoZeroFields(object).toByteString());
    }

    static byte[] envelope(String apiVersion, String kind, ByteString raw) {
        return envelope(apiVersion, kind, raw, "");
    }

    static byte[] envelope(String apiVersion, String kind, ByteString raw, String contentEncoding) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(raw)
                .setContentEncoding(contentEncoding)
                .setContentType("")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }

    /** {@code message} with every unset non-pointer field set to its zero value, as Go would write it. */
    @SuppressWarnings("unchecked")
    static <M extends Message> M withGoZeroFields(M message) {
        return (M) fill(message, 0);
    }

    private static Message fill(Message message, int depth) {
        if (depth > 40) {
            throw new IllegalStateException("non-pointer fields nest too deeply at " + message.getDescriptorForType().getFullName());
        }
        Message.Builder builder = message.toBuilder();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isRepeated()) {
                for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                    Object element = message.getRepeatedField(field, i);
                    if (element instanceof Message nested && !field.isMapField()) {
                        builder.setRepeatedField(field, i, fill(nested, depth + 1));
                    }
                }
            } else if (message.hasField(field)) {
                if (message.getField(field) instanceof Message nested && !isSpecial(nested)) {
                    builder.setField(field, fill(nested, depth + 1));
                }
            } else if (!GoFieldShapes.isPointer(field)) {
                builder.setField(field, zero(builder, field, depth));
            }
        }
        return builder.buildPartial();
    }

    private static Object zero(Message.Builder builder, FieldDescriptor field, int depth) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return field.getDefaultValue();
        }
        Message empty = builder.newBuilderForField(field).buildPartial();
        return switch (empty.getDescriptorForType().getName()) {
            // Go writes a zero Time as an empty message and a zero Quantity as "0".
            case "Time", "MicroTime" -> empty;
            case "Quantity" -> empty.toBuilder().setField(empty.getDescriptorForType().findFieldByName("string"), "0").build();
            default -> fill(empty, depth + 1);
        };
    }

    private static boolean isSpecial(Message message) {
        String name = message.getDescriptorForType().getName();
        return name.equals("Time") || name.equals("MicroTime") || name.equals("Quantity") || name.equals("IntOrString");
    }
}
