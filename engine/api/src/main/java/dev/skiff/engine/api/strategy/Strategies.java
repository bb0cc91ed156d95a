package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.resource.ResourceType;
import java.util.Map;

/** The strategy of each built-in kind; kinds without special rules get a generic one. */
public final class Strategies {
    private static final Map<String, KindStrategy> SPECIAL = Map.of(
            "/Pod", new PodStrategy(),
            "batch/Job", new JobStrategy(),
            "apiextensions.k8s.io/CustomResourceDefinition", new CustomResourceDefinitionStrategy(),
            "/Namespace", new NamespaceStrategy(),
            "/Service", new GenericStrategy(NameRule.DNS1035_LABEL, false, true) {
                @Override
                public void prepareForCreate(ObjectNode svc) {
                    svc.putObject("status").putObject("loadBalancer");
                }
            },
            "/Secret", new GenericStrategy(NameRule.DNS1123_SUBDOMAIN, false, false) {
                @Override
                public void prepareForCreate(ObjectNode secret) {
                    // Kubernetes defaults a secret's type to Opaque
                    if (secret.path("type").asText("").isEmpty()) {
                        secret.put("type", "Opaque");
                    }
                }
            },
            "/Node", new GenericStrategy(NameRule.DNS1123_SUBDOMAIN, false, true) {
                @Override
                public void prepareForCreate(ObjectNode node) {
                    // a node agent registers its node with its status already filled in
                }
            });

    private Strategies() {
    }

    public static KindStrategy of(ResourceType type) {
        KindStrategy special = SPECIAL.get(type.group() + "/" + type.kind());
        if (special != null) {
            return special;
        }
        if (!dev.skiff.engine.api.resource.ResourceRegistry.isBuiltIn(type)) {
            // custom resources always track generation; their status is split off when the CRD says so
            return new GenericStrategy(NameRule.DNS1123_SUBDOMAIN, true, type.hasStatus());
        }
        boolean generation = switch (type.kind()) {
            case "Deployment", "ReplicaSet", "Job", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy" -> true;
            default -> false;
        };
        NameRule names = type.group().equals("rbac.authorization.k8s.io") ? NameRule.PATH_SEGMENT
                : NameRule.DNS1123_SUBDOMAIN;
        return new GenericStrategy(names, generation, type.hasStatus());
    }
}
