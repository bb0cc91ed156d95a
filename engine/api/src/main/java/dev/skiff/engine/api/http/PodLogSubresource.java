package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.discovery.ExtraResources;
import dev.skiff.engine.api.node.LogOptions;
import dev.skiff.engine.api.node.PodLogs;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.schema.ApiResource;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.api.status.Errors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pods/log} subresource: checks the query and the pod as kube-apiserver does (422 for bad options, 404
 * for a missing pod, 400 when the container cannot be told), then streams the container's log from the node
 * agent's {@link PodLogs} as {@code text/plain}. Runs on the request's virtual thread, which the stream blocks.
 */
final class PodLogSubresource {
    private static final Logger log = LoggerFactory.getLogger(PodLogSubresource.class);
    /** How discovery lists it: {@code get} on {@code pods/log}, answering with (the stream of) a Pod. */
    static final ExtraResources DISCOVERY = new ExtraResources("", "v1",
            List.of(ApiResource.of("pods/log", true, "Pod", List.of("get"))));

    private final GenericRegistry registry;
    private final Supplier<PodLogs> source;

    PodLogSubresource(GenericRegistry registry, Supplier<PodLogs> source) {
        this.registry = registry;
        this.source = source;
    }

    /** Whether the request addresses a pod's log. */
    static boolean serves(ApiRequest req) {
        return "log".equals(req.info().subresource()) && req.info().name() != null && req.type().group().isEmpty()
                && req.type().kind().equals("Pod");
    }

    void handle(ApiRequest req, Reply reply) {
        if (!req.method().equals("GET")) {
            throw Errors.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        String name = req.info().name();
        LogOptions asked = PodLogQuery.parse(req.params(), name, registry.clock());
        ResourceType type = req.type();
        ObjectNode pod = Json.parseStored(registry.get(type, req.info().namespace(), name).value());
        LogOptions options = withContainer(asked, containerOf(pod, name, asked.container()));
        HttpLogSink sink = new HttpLogSink(reply.context(), reply.response(), options.limitBytes());
        try {
            source.get().stream(pod, options, sink);
        } catch (ApiException e) {
            if (!sink.started()) {
                throw e;
            }
            log.debug("log of pod {}/{} ended early: {}", req.info().namespace(), name, e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("log of pod {}/{} failed", req.info().namespace(), name, e);
            if (!sink.started()) {
                throw Errors.internal(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        sink.end();
    }

    /**
     * The container to read: the one asked for, which must be in the pod (a container, init container or
     * ephemeral container), or the pod's only container.
     */
    private static String containerOf(JsonNode pod, String podName, String asked) {
        List<String> containers = names(pod.path("spec").path("containers"));
        List<String> initContainers = names(pod.path("spec").path("initContainers"));
        if (asked.isEmpty()) {
            if (containers.size() == 1) {
                return containers.get(0);
            }
            if (containers.isEmpty()) {
                throw Errors.badRequest("a container name must be specified for pod " + podName);
            }
            String message = "a container name must be specified for pod " + podName + ", choose one of: ["
                    + String.join(" ", containers) + "]";
            if (!initContainers.isEmpty()) {
                message += " or one of the init containers: [" + String.join(" ", initContainers) + "]";
            }
            throw Errors.badRequest(message);
        }
        if (!containers.contains(asked) && !initContainers.contains(asked)
                && !names(pod.path("spec").path("ephemeralContainers")).contains(asked)) {
            throw Errors.badRequest("container " + asked + " is not valid for pod " + podName);
        }
        return asked;
    }

    private static LogOptions withContainer(LogOptions o, String container) {
        return new LogOptions(container, o.follow(), o.previous(), o.timestamps(), o.tailLines(), o.limitBytes(),
                o.since());
    }

    private static List<String> names(JsonNode containers) {
        List<String> names = new ArrayList<>();
        containers.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
