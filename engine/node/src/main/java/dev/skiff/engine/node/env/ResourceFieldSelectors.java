package dev.skiff.engine.node.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The downward API's {@code resourceFieldRef} ({@code ResourceFieldSelector}): a container's request or limit
 * divided by the selector's divisor and rounded up, as whole digits ({@code limits.cpu} 250m is {@code 1} with
 * the default divisor and {@code 250} with divisor {@code 1m}). A CPU, memory or ephemeral-storage limit that
 * is unset or zero reads as the node's allocatable amount, as the kubelet reports it.
 */
public final class ResourceFieldSelectors {

    private static final String LIMITS = "limits.";
    private static final String REQUESTS = "requests.";

    private ResourceFieldSelectors() {
    }

    /**
     * The value for {@code selector} in {@code container}, or in the pod's container named by the selector's
     * {@code containerName} when it has one.
     *
     * @throws ContainerConfigException when the named container or the resource is unknown, in Kubernetes' words
     */
    public static String value(ObjectNode pod, JsonNode container, JsonNode selector, NodeAllocatable allocatable) {
        String containerName = ObjectFieldSelectors.text(selector, "containerName");
        JsonNode target = containerName.isEmpty() ? container : findContainer(pod, containerName);
        String resource = ObjectFieldSelectors.text(selector, "resource");
        Quantity divisor = Quantity.of(selector.get("divisor")).filter(q -> q.signum() > 0)
                .orElse(Quantity.parse("1"));

        String name;
        JsonNode list;
        boolean limit;
        if (resource.startsWith(LIMITS)) {
            name = resource.substring(LIMITS.length());
            list = target.path("resources").path("limits");
            limit = true;
        } else if (resource.startsWith(REQUESTS)) {
            name = resource.substring(REQUESTS.length());
            list = target.path("resources").path("requests");
            limit = false;
        } else {
            throw unsupported(resource);
        }
        if (!name.equals("cpu") && !name.equals("memory") && !name.equals("ephemeral-storage")
                && !name.startsWith("hugepages-")) {
            throw unsupported(resource);
        }
        BigDecimal amount = Quantity.of(list.get(name)).map(Quantity::value).orElse(BigDecimal.ZERO);
        if (limit && amount.signum() == 0) {
            amount = allocatable(name, allocatable).orElse(BigDecimal.ZERO);
        }
        if (name.equals("cpu")) {
            return ceilDivide(ceil(amount.movePointRight(3)), ceil(divisor.value().movePointRight(3)));
        }
        return ceilDivide(ceil(amount), ceil(divisor.value()));
    }

    private static Optional<BigDecimal> allocatable(String name, NodeAllocatable node) {
        return switch (name) {
            case "cpu" -> Optional.of(BigDecimal.valueOf(node.cpuMillis()).movePointLeft(3));
            case "memory" -> Optional.of(BigDecimal.valueOf(node.memoryBytes()));
            case "ephemeral-storage" -> Optional.of(BigDecimal.valueOf(node.ephemeralStorageBytes()));
            default -> Optional.empty();
        };
    }

    private static JsonNode findContainer(ObjectNode pod, String name) {
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode candidate : pod.path("spec").path(list)) {
                if (name.equals(ObjectFieldSelectors.text(candidate, "name"))) {
                    return candidate;
                }
            }
        }
        throw new ContainerConfigException("container " + name + " not found");
    }

    private static BigDecimal ceil(BigDecimal value) {
        return value.setScale(0, RoundingMode.CEILING);
    }

    private static String ceilDivide(BigDecimal amount, BigDecimal divisor) {
        if (divisor.signum() == 0) {
            divisor = BigDecimal.ONE;
        }
        return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    private static ContainerConfigException unsupported(String resource) {
        return new ContainerConfigException("unsupported container resource : " + resource);
    }
}
