package dev.skiff.engine.api.schema;

import java.util.Set;

/**
 * Where a fabric8 model class lives in Kubernetes' own naming: its OpenAPI definition name
 * ({@code io.k8s.api.apps.v1.Deployment}) and the Go package it is printed with in errors ({@code v1}).
 *
 * <p>fabric8 keeps core/v1 and meta/v1 types in one Java package, so the meta types are listed by name.
 */
final class DefinitionNames {

    static final String META_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String MICRO_TIME = META_V1 + "MicroTime";

    private static final String FABRIC8_MODEL = "io.fabric8.kubernetes.api.model";

    /** Types of k8s.io/apimachinery/pkg/apis/meta/v1 that fabric8 keeps beside the core/v1 types. */
    private static final Set<String> META_TYPES = Set.of(
            "ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "FieldsV1", "LabelSelector",
            "LabelSelectorRequirement", "Condition", "DeleteOptions", "Preconditions", "Status", "StatusDetails",
            "StatusCause", "MicroTime", "Time", "Duration", "TypeMeta", "WatchEvent", "Patch", "APIResource",
            "APIResourceList", "APIGroup", "APIGroupList", "APIVersions", "GroupVersionForDiscovery",
            "ServerAddressByClientCIDR", "Table", "TableColumnDefinition", "TableRow", "TableRowCondition",
            "PartialObjectMetadata", "PartialObjectMetadataList", "RootPaths", "GroupVersionKind",
            "GroupVersionResource", "CreateOptions", "UpdateOptions", "PatchOptions", "GetOptions", "ListOptions");

    private DefinitionNames() {
    }

    /** {@code io.k8s.api.<group>.<version>.<Kind>} or {@code io.k8s.apimachinery.pkg.apis.meta.v1.<Kind>}. */
    static String of(Class<?> type) {
        String pkg = type.getPackageName();
        if (pkg.equals(FABRIC8_MODEL)) {
            return (META_TYPES.contains(type.getSimpleName()) ? META_V1 : "io.k8s.api.core.v1.") + type.getSimpleName();
        }
        if (pkg.startsWith(FABRIC8_MODEL + ".")) {
            String[] groupAndVersion = pkg.substring(FABRIC8_MODEL.length() + 1).split("\\.");
            // fabric8 drops the version from packages that only ever had v1 (apps)
            String version = groupAndVersion.length > 1 ? groupAndVersion[groupAndVersion.length - 1] : "v1";
            return "io.k8s.api." + groupAndVersion[0] + "." + version + "." + type.getSimpleName();
        }
        return type.getName();
    }

    /** The last element of the Go package path, as {@code reflect.Type.String()} prints it: {@code v1}, {@code v2}. */
    static String goPackage(String definitionName) {
        String pkg = definitionName.substring(0, definitionName.lastIndexOf('.'));
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }
}
