package dev.skiff.engine.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Networking;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoFieldShapesTest {

    /**
     * Fields Kubernetes 1.31 and 1.32 added that io.kubernetes:client-java-proto 24.0.0 lacks. Each is a Go
     * pointer or sits in a message reachable only through one, so a client writes it only when set, and
     * decoding such a body then fails loudly. When the
     * artifact is upgraded this list shrinks and the test says so.
     */
    private static final List<String> NEWER_THAN_THE_SCHEMA = List.of(
            "k8s.io.api.authorization.v1.ResourceAttributes.fieldSelector",
            "k8s.io.api.authorization.v1.ResourceAttributes.labelSelector",
            "k8s.io.api.core.v1.ContainerStatus.user",
            "k8s.io.api.core.v1.ContainerUser.linux",
            "k8s.io.api.core.v1.LinuxContainerUser.gid",
            "k8s.io.api.core.v1.LinuxContainerUser.uid",
            "k8s.io.api.core.v1.NodeFeatures.supplementalGroupsPolicy",
            "k8s.io.api.core.v1.NodeRuntimeHandlerFeatures.userNamespaces",
            "k8s.io.api.core.v1.NodeStatus.features",
            "k8s.io.api.core.v1.PodLogOptions.stream",
            "k8s.io.api.core.v1.PodResourceClaim.resourceClaimName",
            "k8s.io.api.core.v1.PodResourceClaim.resourceClaimTemplateName",
            "k8s.io.api.core.v1.PodSecurityContext.seLinuxChangePolicy",
            "k8s.io.api.core.v1.PodSecurityContext.supplementalGroupsPolicy",
            "k8s.io.api.core.v1.PodSpec.resources",
            "k8s.io.api.core.v1.VolumeSource.image",
            "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential");

    @Test
    void everyFieldTheTablesNameExistsInTheProtobufSchemaUnlessItIsNewer() {
        Map<String, Descriptor> messages = new HashMap<>();
        KindDescriptors.groupVersions().forEach(version -> collect(KindDescriptors.ofGroupVersion(version), messages));
        collect(Meta.getDescriptor(), messages);
        List<String> missing = new ArrayList<>();

        GoFieldShapes.allListedFields().forEach((message, fields) -> {
            Descriptor type = messages.get(message);
            for (String field : fields) {
                if (type == null || type.findFieldByName(field) == null) {
                    missing.add(message + "." + field);
                }
            }
        });

        assertThat(missing).containsExactlyInAnyOrderElementsOf(NEWER_THAN_THE_SCHEMA);
    }

    @Test
    void knowsPointerAndInlineFieldsOfCommonKinds() {
        assertThat(GoFieldShapes.isPointer(field(V1Apps.DeploymentSpec.getDescriptor(), "replicas"))).isTrue();
        assertThat(GoFieldShapes.isPointer(field(V1Apps.DeploymentSpec.getDescriptor(), "minReadySeconds"))).isFalse();
        assertThat(GoFieldShapes.isAlwaysWritten(field(V1.ServicePort.getDescriptor(), "port"))).isTrue();
        assertThat(GoFieldShapes.isInline(field(V1.Volume.getDescriptor(), "volumeSource"))).isTrue();
        assertThat(GoFieldShapes.jsonName(field(V1Networking.IngressClassParametersReference.getDescriptor(), "aPIGroup")))
                .isEqualTo("apiGroup");
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        return type.findFieldByName(name);
    }

    private static void collect(FileDescriptor file, Map<String, Descriptor> into) {
        file.getMessageTypes().forEach(type -> into.put(type.getFullName(), type));
        file.getDependencies().forEach(dependency -> collect(dependency, into));
    }
}
