package dev.skiff.engine.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.api.resource.Quantity;
import dev.skiff.engine.api.text.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's {@code resources}: names Kubernetes knows, non-negative quantities, requests no larger than
 * limits ({@code must be less than or equal to cpu limit of 500m}) and equal to them for resources that cannot
 * be overcommitted (hugepages, extended resources). A quantity that does not parse is a decoding error in
 * Kubernetes (400, before validation), so it is skipped here.
 */
final class ResourceRequirementsValidation {

    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> STANDARD_RESOURCES = Set.of(
            "cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage",
            "limits.cpu", "limits.memory", "limits.ephemeral-storage",
            "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "persistentvolumeclaims",
            "configmaps", "services.nodeports", "services.loadbalancers", "requests.storage");
    private static final String HUGEPAGES = "hugepages-";

    private ResourceRequirementsValidation() {
    }

    static List<FieldError> validate(JsonNode resources, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath limPath = path.child("limits");
        FieldPath reqPath = path.child("requests");
        boolean cpuOrMemory = false;
        boolean hugePages = false;
        JsonNode limits = Fields.object(resources, "limits");
        for (Map.Entry<String, JsonNode> e : Fields.entries(resources, "limits")) {
            String name = e.getKey();
            FieldPath at = limPath.key(name);
            errs.addAll(validateContainerResourceName(name, at));
            Optional<Quantity> q = Quantity.of(e.getValue());
            if (q.isPresent()) {
                errs.addAll(validateQuantityValue(name, q.get(), at));
                errs.addAll(validateHugePageValue(name, q.get(), at));
            }
            hugePages |= name.startsWith(HUGEPAGES);
            cpuOrMemory |= name.equals("cpu") || name.equals("memory");
        }
        for (Map.Entry<String, JsonNode> e : Fields.entries(resources, "requests")) {
            String name = e.getKey();
            FieldPath at = reqPath.key(name);
            errs.addAll(validateContainerResourceName(name, at));
            Optional<Quantity> q = Quantity.of(e.getValue());
            if (q.isPresent()) {
                errs.addAll(validateQuantityValue(name, q.get(), at));
                Optional<Quantity> limit = limits.has(name) ? Quantity.of(limits.get(name)) : Optional.empty();
                if (limit.isPresent()) {
                    int cmp = q.get().compareTo(limit.get());
                    if (cmp != 0 && !isOvercommitAllowed(name)) {
                        errs.add(FieldError.invalid(reqPath, q.get().canonical(),
                                "must be equal to " + name + " limit of " + limit.get().canonical()));
                    } else if (cmp > 0) {
                        errs.add(FieldError.invalid(reqPath, q.get().canonical(),
                                "must be less than or equal to " + name + " limit of " + limit.get().canonical()));
                    }
                } else if (!limits.has(name) && !isOvercommitAllowed(name)) {
                    errs.add(FieldError.required(limPath, "Limit must be set for non overcommitable resources"));
                }
                errs.addAll(validateHugePageValue(name, q.get(), at));
            }
            hugePages |= name.startsWith(HUGEPAGES);
            cpuOrMemory |= name.equals("cpu") || name.equals("memory");
        }
        if (!cpuOrMemory && hugePages) {
            errs.add(FieldError.forbidden(path, "HugePages require cpu or memory"));
        }
        return errs;
    }

    /** {@code ValidateResourceQuantityValue}: not negative, and whole for resources counted in units. */
    static List<FieldError> validateQuantityValue(String name, Quantity q, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (q.signum() < 0) {
            errs.add(FieldError.invalid(path, q.canonical(), "must be greater than or equal to 0"));
        }
        if (isExtendedResourceName(name) && !q.isWhole()) {
            // Kubernetes prints the Quantity struct here; the canonical text is what a user can act on.
            errs.add(FieldError.invalid(path, q.canonical(), "must be an integer"));
        }
        return errs;
    }

    private static List<FieldError> validateHugePageValue(String name, Quantity q, FieldPath path) {
        if (!name.startsWith(HUGEPAGES)) {
            return List.of();
        }
        Optional<Quantity> pageSize = Quantity.tryParse(name.substring(HUGEPAGES.length()));
        if (pageSize.isEmpty() || pageSize.get().signum() <= 0) {
            return List.of();
        }
        boolean divisible = q.value().remainder(pageSize.get().value()).signum() == 0;
        if (divisible) {
            return List.of();
        }
        return List.of(FieldError.invalid(path, q.canonical(),
                q.canonical() + " is not positive integer multiple of " + name));
    }

    /** {@code validateContainerResourceName}. */
    static List<FieldError> validateContainerResourceName(String name, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(validateResourceName(name, path));
        if (!name.contains("/")) {
            if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !name.startsWith(HUGEPAGES)) {
                errs.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
            }
        } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
            errs.add(FieldError.invalid(path, name, "doesn't follow extended resource name standard"));
        }
        return errs;
    }

    /** {@code validateResourceName}. */
    static List<FieldError> validateResourceName(String name, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : Formats.qualifiedName(name)) {
            errs.add(FieldError.invalid(path, name, msg));
        }
        if (!errs.isEmpty()) {
            return errs;
        }
        if (!name.contains("/") && !isStandardResourceName(name)) {
            errs.add(FieldError.invalid(path, name, "must be a standard resource type or fully qualified"));
        }
        return errs;
    }

    private static boolean isStandardResourceName(String name) {
        return STANDARD_RESOURCES.contains(name) || name.startsWith(HUGEPAGES) || name.startsWith("requests." + HUGEPAGES);
    }

    static boolean isNativeResource(String name) {
        return !name.contains("/") || name.contains("kubernetes.io/");
    }

    static boolean isExtendedResourceName(String name) {
        if (isNativeResource(name) || name.startsWith("requests.")) {
            return false;
        }
        return Formats.qualifiedName("requests." + name).isEmpty();
    }

    private static boolean isOvercommitAllowed(String name) {
        return isNativeResource(name) && !name.startsWith(HUGEPAGES);
    }
}
