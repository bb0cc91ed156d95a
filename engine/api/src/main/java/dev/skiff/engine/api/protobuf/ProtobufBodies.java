package dev.skiff.engine.api.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;

/**
 * Turns a request body in Kubernetes' protobuf encoding ({@value #MEDIA_TYPE}), which kubectl's typed
 * clients send for {@code kubectl create configmap|deployment|...} and {@code kubectl auth can-i}, into the
 * object in Kubernetes JSON form, as a kube-apiserver would have decoded it.
 *
 * <p>The body is the 4-byte prefix {@code k8s\0} and a {@code runtime.Unknown} envelope naming apiVersion
 * and kind around the object's own protobuf bytes. Only the group versions in {@link KindDescriptors} are
 * understood; anything else, and any field the schema does not know, is refused rather than guessed at.
 */
public final class ProtobufBodies {

    /** The Content-Type of a Kubernetes protobuf body. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] PREFIX = {'k', '8', 's', 0};

    private ProtobufBodies() {
    }

    /** Whether {@code body} starts with the prefix every Kubernetes protobuf body carries. */
    public static boolean hasProtobufPrefix(byte[] body) {
        return body.length >= PREFIX.length && Arrays.equals(body, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    /**
     * The object in {@code body} as Kubernetes JSON, starting with its apiVersion and kind.
     *
     * @throws ProtobufDecodingException if the body is not a well-formed Kubernetes protobuf object of a
     *     known kind, or holds a field this server's schema does not know
     */
    public static ObjectNode decode(byte[] body) {
        return decode(body, FieldPath.ROOT);
    }

    /** Decodes {@code body} found at {@code root}, which is {@link FieldPath#ROOT} unless it is embedded. */
    static ObjectNode decode(byte[] body, FieldPath root) {
        if (!hasProtobufPrefix(body)) {
            throw new ProtobufDecodingException(
                    "the protobuf body does not start with the Kubernetes prefix \"k8s\\x00\"");
        }
        Runtime.Unknown envelope = parse(body);
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (kind.isEmpty()) {
            throw new ProtobufDecodingException("Object 'Kind' is missing in the protobuf body");
        }
        if (!envelope.getContentEncoding().isEmpty()) {
            throw new ProtobufDecodingException(
                    "unsupported contentEncoding \"" + envelope.getContentEncoding() + "\" in the protobuf body");
        }
        Message object = parseObject(envelope, apiVersion, kind);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("apiVersion", apiVersion);
        json.put("kind", kind);
        json.setAll(GoJsonRendering.object(object, root));
        return json;
    }

    private static Runtime.Unknown parse(byte[] body) {
        try {
            Runtime.Unknown envelope = Runtime.Unknown.parser().parseFrom(body, PREFIX.length, body.length - PREFIX.length);
            if (!envelope.getUnknownFields().asMap().isEmpty() || !envelope.getTypeMeta().getUnknownFields().asMap().isEmpty()) {
                throw new ProtobufDecodingException(
                        "the protobuf envelope (runtime.Unknown) has fields this server's schema does not know");
            }
            return envelope;
        } catch (InvalidProtocolBufferException e) {
            throw new ProtobufDecodingException("the protobuf body is not a valid runtime.Unknown envelope: " + e.getMessage(), e);
        }
    }

    private static Message parseObject(Runtime.Unknown envelope, String apiVersion, String kind) {
        try {
            return DynamicMessage.newBuilder(KindDescriptors.find(apiVersion, kind))
                    .mergeFrom(envelope.getRaw())
                    .buildPartial();
        } catch (InvalidProtocolBufferException e) {
            throw new ProtobufDecodingException(
                    "the protobuf body does not hold a valid " + kind + " (" + apiVersion + "): " + e.getMessage(), e);
        }
    }
}
