package dev.skiff.engine.api.status;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request that failed in a way Kubernetes defines: carries the {@code Status} the client receives.
 * Thrown from deep code, turned into an HTTP response once, at the edge.
 */
public final class ApiException extends RuntimeException {
    private final Status status;

    public ApiException(Status status) {
        super(status.message(), null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    public ObjectNode toJson() {
        return status.toJson();
    }
}
