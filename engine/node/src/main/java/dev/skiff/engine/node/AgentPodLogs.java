package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.node.LogOptions;
import dev.skiff.engine.api.node.LogSink;
import dev.skiff.engine.api.node.PodLogs;
import dev.skiff.engine.api.status.Errors;
import java.io.IOException;

/** {@code pods/log} from the node agent's container logs. */
public final class AgentPodLogs implements PodLogs {
    private final NodeAgent agent;

    public AgentPodLogs(NodeAgent agent) {
        this.agent = agent;
    }

    @Override
    public void stream(ObjectNode pod, LogOptions options, LogSink sink) throws IOException {
        String name = Json.text(pod, "metadata.name");
        String container = options.container();
        PodRuntime runtime = agent.runtime(Json.text(pod, "metadata.namespace"), name, Json.text(pod, "metadata.uid"))
                .orElseThrow(() -> waiting(container, name, "ContainerCreating"));
        ContainerRuntime c = runtime.container(container).orElseThrow(() -> waiting(container, name,
                "ContainerCreating"));
        int instance;
        int started;
        synchronized (runtime) {
            if (!c.everStarted()) {
                throw waiting(container, name, c.waitingReason == null ? "ContainerCreating" : c.waitingReason);
            }
            instance = c.restartCount;
            started = c.instance;
        }
        runtime.logs().stream(name, container, instance, options, sink, () -> {
            synchronized (runtime) {
                return c.instance == started && c.running() && !runtime.removed();
            }
        });
    }

    private static RuntimeException waiting(String container, String pod, String reason) {
        return Errors.badRequest("container \"" + container + "\" in pod \"" + pod + "\" is waiting to start: "
                + reason);
    }
}
