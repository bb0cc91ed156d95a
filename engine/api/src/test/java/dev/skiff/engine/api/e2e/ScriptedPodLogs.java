package dev.skiff.engine.api.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.node.LogOptions;
import dev.skiff.engine.api.node.LogSink;
import dev.skiff.engine.api.node.PodLogs;
import dev.skiff.engine.api.status.Errors;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node agent's log source for tests: a container's log is {@code hello from CONTAINER}; a followed log is
 * {@code first line} and then whatever the test hands to {@link #emit}, until {@link #finish}; a previous instance
 * is never there, in the kubelet's words. Remembers each request's options.
 */
final class ScriptedPodLogs implements PodLogs {
    private static final String END = "\u0000end";

    /** What one log request asked for. */
    record Request(String namespace, String pod, LogOptions options) {
    }

    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> followed = new LinkedBlockingQueue<>();
    /** Counted down when a follower learns that its client has gone. */
    final CountDownLatch clientGone = new CountDownLatch(1);

    /** Hands a line to the followed log. */
    void emit(String line) {
        followed.add(line);
    }

    /** Ends the followed log, as when the container stops. */
    void finish() {
        followed.add(END);
    }

    @Override
    public void stream(ObjectNode pod, LogOptions options, LogSink sink) {
        String name = pod.path("metadata").path("name").asText();
        requests.add(new Request(pod.path("metadata").path("namespace").asText(), name, options));
        if (options.previous()) {
            throw Errors.badRequest("previous terminated container \"" + options.container() + "\" in pod \"" + name
                    + "\" not found");
        }
        if (!options.follow()) {
            write(sink, "hello from " + options.container() + "\n");
            return;
        }
        if (!write(sink, "first line\n")) {
            clientGone.countDown();
            return;
        }
        try {
            while (true) {
                String line = followed.poll(20, TimeUnit.MILLISECONDS);
                if (END.equals(line)) {
                    return;
                }
                boolean open = line == null ? sink.write(new byte[0], 0, 0) : write(sink, line + "\n");
                if (!open) {
                    clientGone.countDown();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean write(LogSink sink, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        return sink.write(bytes, 0, bytes.length);
    }
}
