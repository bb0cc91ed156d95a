package dev.skiff.engine.api.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import java.util.Map;
import java.util.Set;

/**
 * Finds the protobuf message type of a kind in a group version, from the descriptors generated into
 * {@code io.kubernetes:client-java-proto}.
 */
final class KindDescriptors {

    private static final Map<String, FileDescriptor> BY_GROUP_VERSION = Map.ofEntries(
            Map.entry("v1", V1.getDescriptor()),
            Map.entry("apps/v1", V1Apps.getDescriptor()),
            Map.entry("batch/v1", V1Batch.getDescriptor()),
            Map.entry("networking.k8s.io/v1", V1Networking.getDescriptor()),
            Map.entry("autoscaling/v1", V1Autoscaling.getDescriptor()),
            Map.entry("rbac.authorization.k8s.io/v1", V1Rbac.getDescriptor()),
            Map.entry("authorization.k8s.io/v1", V1Authorization.getDescriptor()),
            Map.entry("authentication.k8s.io/v1", V1Authentication.getDescriptor()),
            Map.entry("policy/v1", V1Policy.getDescriptor()),
            Map.entry("scheduling.k8s.io/v1", V1Scheduling.getDescriptor()),
            Map.entry("storage.k8s.io/v1", V1Storage.getDescriptor()),
            Map.entry("certificates.k8s.io/v1", V1Certificates.getDescriptor()),
            Map.entry("admissionregistration.k8s.io/v1", V1Admissionregistration.getDescriptor()),
            Map.entry("meta.k8s.io/v1", Meta.getDescriptor()));

    /**
     * Kinds every group version carries (Kubernetes registers the meta/v1 option types into each of them),
     * e.g. the DeleteOptions body a typed client sends with a DELETE.
     */
    private static final Set<String> SHARED_META_KINDS = Set.of(
            "DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions", "GetOptions", "ListOptions", "Status");

    private KindDescriptors() {
    }

    /** Top-level kinds carry metadata; other messages of a file (DeploymentSpec, ...) are only parts of one. */
    private static boolean isKind(Descriptor type) {
        return type.findFieldByName("metadata") != null || SHARED_META_KINDS.contains(type.getName());
    }

    static Set<String> groupVersions() {
        return BY_GROUP_VERSION.keySet();
    }

    static FileDescriptor ofGroupVersion(String apiVersion) {
        return BY_GROUP_VERSION.get(apiVersion);
    }

    static Descriptor find(String apiVersion, String kind) {
        FileDescriptor file = BY_GROUP_VERSION.get(apiVersion);
        Descriptor type = file == null ? null : file.findMessageTypeByName(kind);
        if (type == null && file != null && SHARED_META_KINDS.contains(kind)) {
            type = Meta.getDescriptor().findMessageTypeByName(kind);
        }
        if (type == null || !isKind(type)) {
            throw new ProtobufDecodingException(
                    "no kind \"" + kind + "\" is registered for version \"" + apiVersion + "\" in the protobuf decoder");
        }
        return type;
    }
}
