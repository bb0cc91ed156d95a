package dev.skiff.engine.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Defaults of the core ({@code v1}) kinds other than Pod and Service, which have their own classes.
 * ConfigMap, Event and ServiceAccount have none that show.
 */
final class CoreDefaults {

    /** The label Kubernetes puts on every namespace, holding its name, so selectors can pick namespaces. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private CoreDefaults() {
    }

    static void endpoints(ObjectNode endpoints) {
        for (ObjectNode subset : Fields.objects(endpoints, "subsets")) {
            for (ObjectNode port : Fields.objects(subset, "ports")) {
                Fields.defaultString(port, "protocol", ContainerDefaults.PROTOCOL_TCP);
            }
        }
    }

    static void secret(ObjectNode secret) {
        Fields.defaultString(secret, "type", "Opaque");
    }

    /**
     * The name label, always equal to the name (a user's value is replaced), and phase {@code Active}.
     * A namespace created with only {@code generateName} gets its label from the registry once named.
     * The {@code kubernetes} finalizer in the spec is the registry's, not a default.
     */
    static void namespace(ObjectNode namespace) {
        ObjectNode metadata = Fields.objectOrNew(namespace, "metadata");
        if (metadata != null) {
            String name = Fields.text(metadata, "name");
            ObjectNode labels = name.isEmpty() ? null : Fields.objectOrNew(metadata, "labels");
            if (labels != null) {
                labels.put(NAMESPACE_NAME_LABEL, name);
            }
        }
        if (Fields.objectOrNew(namespace, "status") instanceof ObjectNode status) {
            Fields.defaultString(status, "phase", "Active");
        }
    }

    /** A node that reports capacity but not allocatable resources can allocate all of its capacity. */
    static void node(ObjectNode node) {
        ObjectNode status = Fields.object(node, "status");
        if (status == null) {
            return;
        }
        if (Fields.isUnset(status.get("allocatable")) && Fields.object(status, "capacity") instanceof ObjectNode capacity
                && !capacity.isEmpty()) {
            status.set("allocatable", capacity.deepCopy());
        }
        Quantities.resourceList(status, "capacity");
        Quantities.resourceList(status, "allocatable");
    }

    static void podTemplate(ObjectNode podTemplate) {
        PodSpecDefaults.template(podTemplate);
    }

    /** One replica; the selector and the controller's labels come from the template's labels when unset. */
    static void replicationController(ObjectNode controller) {
        ObjectNode spec = Fields.objectOrNew(controller, "spec");
        if (spec == null) {
            return;
        }
        ObjectNode templateLabels = TemplateLabels.of(spec);
        if (templateLabels != null) {
            if (Fields.isEmptyCollection(spec.get("selector"))) {
                spec.set("selector", templateLabels.deepCopy());
            }
            TemplateLabels.copyWhenUnlabelled(controller, templateLabels);
        }
        Fields.defaultNumberPointer(spec, "replicas", 1);
        // Unlike other workloads' templates, this one is a pointer: absent stays absent.
        ObjectNode template = Fields.object(spec, "template");
        if (template != null && Fields.objectOrNew(template, "spec") instanceof ObjectNode podSpec) {
            PodSpecDefaults.apply(podSpec);
        }
    }

    static void persistentVolumeClaim(ObjectNode claim) {
        PersistentVolumeClaims.claim(claim);
    }
}
