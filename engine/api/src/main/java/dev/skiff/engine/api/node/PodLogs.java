package dev.skiff.engine.api.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Where {@code pods/log} reads from: the node agent that runs the pod. The API server has already found the pod
 * and checked the container name; the source answers from the container's stored output.
 */
public interface PodLogs {
    /**
     * Writes the log of {@code options.container()} of {@code pod} to {@code sink}, following it while
     * {@code options.follow()} until the container stops or the sink reports the client gone.
     *
     * @throws dev.skiff.engine.api.status.ApiException 400 when the container has no log to show (waiting to
     *     start, or no previous instance), in the kubelet's words
     */
    void stream(ObjectNode pod, LogOptions options, LogSink sink) throws IOException;

    /** Used until a node agent is plugged in: says so instead of pretending there is no output. */
    PodLogs NONE = (pod, options, sink) -> {
        throw dev.skiff.engine.api.status.Errors.badRequest("no node agent runs in this engine, so pod logs are "
                + "not available");
    };
}
