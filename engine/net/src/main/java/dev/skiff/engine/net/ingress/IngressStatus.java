package dev.skiff.engine.net.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;

/** The {@code status.loadBalancer} the controller writes on each Ingress it serves. */
public final class IngressStatus {
    private IngressStatus() {
    }

    /** {@code {"ingress":[{"ip":"<ip>"}]}}: the Ingress is reachable at {@code ip}. */
    public static ObjectNode loadBalancerStatus(String ip) {
        ObjectNode status = Json.object();
        status.putArray("ingress").addObject().put("ip", ip);
        return status;
    }
}
