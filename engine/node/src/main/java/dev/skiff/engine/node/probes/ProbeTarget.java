package dev.skiff.engine.node.probes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a probe or lifecycle hook needs to know about its container.
 *
 * @param podIp     the pod's address ({@code status.podIP}), the default host of httpGet and tcpSocket actions
 * @param container the container's spec in Kubernetes' JSON form; its {@code ports[].name} resolve named ports
 *                  and its {@code env[].value} expand {@code $(VAR)} in exec probe commands
 * @param exec      runs commands inside the container
 */
public record ProbeTarget(String podIp, JsonNode container, ExecRunner exec) {
    public ProbeTarget {
        Objects.requireNonNull(podIp, "podIp");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(exec, "exec");
    }
}
