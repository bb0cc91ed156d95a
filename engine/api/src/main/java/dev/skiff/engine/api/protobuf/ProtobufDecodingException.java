package dev.skiff.engine.api.protobuf;

/**
 * A request body in Kubernetes' protobuf encoding that cannot be turned into an object: it lacks the
 * {@code k8s\0} prefix, is truncated or malformed, names a kind this server has no protobuf schema for, or
 * carries fields the schema does not know (which would otherwise be dropped silently).
 */
public class ProtobufDecodingException extends RuntimeException {

    public ProtobufDecodingException(String message) {
        super(message);
    }

    public ProtobufDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
