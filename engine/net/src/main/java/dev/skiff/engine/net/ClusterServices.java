package dev.skiff.engine.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.services.ServiceAddressRange;
import dev.skiff.engine.api.status.ApiException;

/**
 * What a cluster has from the start: the {@code kubernetes} Service in {@code default} (cluster IP
 * 127.96.0.1, port 443) whose Endpoints point at the API server, so pods reach it at
 * {@code https://kubernetes.default.svc}, and the {@code skiff} IngressClass, marked the default class.
 */
final class ClusterServices {
    private static final RequestContext SELF = RequestContext.system("system:apiserver");

    private ClusterServices() {
    }

    static void ensure(GenericRegistry registry, ResourceRegistry resources, String apiHost, int apiPort) {
        ResourceType services = resources.byKind("", "Service").orElseThrow();
        ResourceType endpoints = resources.byKind("", "Endpoints").orElseThrow();
        ResourceType classes = resources.byKind("networking.k8s.io", "IngressClass").orElseThrow();
        ObjectNode svc = Json.object();
        svc.put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", "kubernetes").putObject("labels").put("component", "apiserver")
                .put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec");
        spec.put("clusterIP", ServiceAddressRange.KUBERNETES_SERVICE_IP);
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP")
                .put("targetPort", apiPort);
        createOrKeep(registry, services, "default", svc);
        ObjectNode ep = Json.object();
        ep.put("apiVersion", "v1").put("kind", "Endpoints");
        ep.putObject("metadata").put("name", "kubernetes");
        ObjectNode subset = ep.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", apiHost);
        subset.putArray("ports").addObject().put("name", "https").put("port", apiPort).put("protocol", "TCP");
        if (!createOrKeep(registry, endpoints, "default", ep)) {
            // the API port may differ from the last run's
            registry.guaranteedUpdate(endpoints, "default", "kubernetes", SELF, Subresource.NONE, current -> {
                current.set("subsets", ep.get("subsets"));
                return current;
            });
            registry.guaranteedUpdate(services, "default", "kubernetes", SELF, Subresource.NONE, current -> {
                current.path("spec").path("ports").forEach(p -> ((ObjectNode) p).put("targetPort", apiPort));
                return current;
            });
        }
        ObjectNode ingressClass = Json.object();
        ingressClass.put("apiVersion", "networking.k8s.io/v1").put("kind", "IngressClass");
        ingressClass.putObject("metadata").put("name", NetworkController.INGRESS_CLASS).putObject("annotations")
                .put("ingressclass.kubernetes.io/is-default-class", "true");
        ingressClass.putObject("spec").put("controller", "skiff.dev/ingress");
        createOrKeep(registry, classes, null, ingressClass);
    }

    /** True when created, false when it was there already. */
    private static boolean createOrKeep(GenericRegistry registry, ResourceType type, String namespace,
                                        ObjectNode object) {
        try {
            registry.create(type, namespace, object, SELF);
            return true;
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            return false;
        }
    }
}
