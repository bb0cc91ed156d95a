package dev.skiff.engine.api.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.crd.StructuralSchema;
import dev.skiff.engine.api.registry.Finalizers;
import dev.skiff.engine.api.status.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * CustomResourceDefinitions: named {@code <plural>.<group>}, one storage version, and held on deletion by
 * the {@code customresourcecleanup} finalizer until every custom resource of the kind is gone.
 */
final class CustomResourceDefinitionStrategy extends GenericStrategy {
    /** The finalizer under which the server deletes a CRD's custom resources before the CRD itself. */
    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    CustomResourceDefinitionStrategy() {
        super(NameRule.DNS1123_SUBDOMAIN, true, true);
    }

    @Override
    public void prepareForCreate(ObjectNode crd) {
        super.prepareForCreate(crd);
        List<String> finalizers = Finalizers.of(crd);
        if (!finalizers.contains(CLEANUP_FINALIZER)) {
            finalizers.add(CLEANUP_FINALIZER);
        }
        Finalizers.set(crd, finalizers);
    }

    @Override
    public List<Status.Cause> validate(ObjectNode crd) {
        List<Status.Cause> causes = new ArrayList<>();
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText("");
        String plural = spec.path("names").path("plural").asText("");
        String name = Json.text(crd, "metadata.name");
        if (group.isEmpty()) {
            causes.add(new Status.Cause("FieldValueRequired", "Required value", "spec.group"));
        }
        if (plural.isEmpty()) {
            causes.add(new Status.Cause("FieldValueRequired", "Required value", "spec.names.plural"));
        }
        if (spec.path("names").path("kind").asText("").isEmpty()) {
            causes.add(new Status.Cause("FieldValueRequired", "Required value", "spec.names.kind"));
        }
        if (!group.isEmpty() && !plural.isEmpty() && !(plural + "." + group).equals(name)) {
            causes.add(new Status.Cause("FieldValueInvalid", "Invalid value: \"" + name
                    + "\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        }
        String scope = spec.path("scope").asText("");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            causes.add(new Status.Cause("FieldValueNotSupported", "Unsupported value: \"" + scope
                    + "\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        }
        JsonNode versions = spec.path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
            causes.add(new Status.Cause("FieldValueRequired", "Required value", "spec.versions"));
        } else {
            int storage = 0;
            for (JsonNode v : versions) {
                if (v.path("storage").asBoolean(false)) {
                    storage++;
                }
            }
            for (int i = 0; i < versions.size(); i++) {
                JsonNode schema = versions.get(i).path("schema").path("openAPIV3Schema");
                if (schema.isObject()) {
                    for (String problem : StructuralSchema.structuralProblems(schema,
                            "spec.versions[" + i + "].schema.openAPIV3Schema")) {
                        causes.add(cause(problem));
                    }
                }
            }
            if (storage != 1) {
                causes.add(new Status.Cause("FieldValueInvalid", "Invalid value: " + describe(versions)
                        + ": must have exactly one version marked as storage version", "spec.versions"));
            }
        }
        return causes;
    }

    /** A problem line "field: message" as a cause. */
    private static Status.Cause cause(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? new Status.Cause("FieldValueInvalid", problem, "spec.versions")
                : new Status.Cause("FieldValueInvalid", problem.substring(colon + 2), problem.substring(0, colon));
    }

    private static String describe(JsonNode versions) {
        List<String> names = new ArrayList<>();
        versions.forEach(v -> names.add(v.path("name").asText()));
        return names.toString();
    }
}
