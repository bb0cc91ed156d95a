package dev.skiff.engine.api.protobuf;

import static dev.skiff.engine.api.protobuf.GoWire.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta.LabelSelector;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtobufBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void configMapDataAndBinaryDataBecomeObjects() throws Exception {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
                .setMetadata(meta("game-config").setNamespace("default"))
                .putData("game.properties", "lives=3")
                .putData("empty", "")
                .putBinaryData("logo", ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .build();

        assertThat(ProtobufBodies.decode(body("v1", "ConfigMap", configMap))).isEqualTo(JSON.readTree("""
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "game-config", "namespace": "default"},
                 "data": {"game.properties": "lives=3", "empty": ""},
                 "binaryData": {"logo": "iVBORw=="}}"""));
    }

    @Test
    void secretDataIsStandardBase64AndImmutableFalseIsKept() {
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, '?', '>'};
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(meta("db"))
                .putData("blob", ByteString.copyFrom(binary))
                .putData("password", ByteString.copyFrom("s3cr3t", StandardCharsets.UTF_8))
                .setType("Opaque")
                .setImmutable(false)
                .build();

        ObjectNode json = ProtobufBodies.decode(body("v1", "Secret", secret));

        assertThat(json.at("/data/blob").textValue()).isEqualTo("AP/+Pz4=");
        assertThat(json.at("/data/password").textValue()).isEqualTo("czNjcjN0");
        assertThat(json.get("type").textValue()).isEqualTo("Opaque");
        assertThat(json.get("immutable").booleanValue()).isFalse();
    }

    @Test
    void namespaceWithEmptySpecAndStatusIsJustItsName() throws Exception {
        V1.Namespace namespace = V1.Namespace.newBuilder().setMetadata(meta("team-a")).build();

        assertThat(ProtobufBodies.decode(body("v1", "Namespace", namespace))).isEqualTo(JSON.readTree("""
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}}"""));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void deploymentKeepsTheReplicasItWasGiven(int replicas) throws Exception {
        V1Apps.Deployment deployment = deployment(V1Apps.DeploymentSpec.newBuilder().setReplicas(replicas));

        ObjectNode json = ProtobufBodies.decode(body("apps/v1", "Deployment", deployment));

        assertThat(json.at("/spec/replicas").isInt()).isTrue();
        assertThat(json.at("/spec/replicas").intValue()).isEqualTo(replicas);
        assertThat(json.at("/spec/template")).isEqualTo(JSON.readTree("""
                {"metadata": {"labels": {"app": "web"}},
                 "spec": {"containers": [{
                   "name": "web",
                   "image": "nginx:1.27",
                   "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                   "env": [
                     {"name": "MODE", "value": "production"},
                     {"name": "EMPTY"},
                     {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}}],
                   "resources": {
                     "limits": {"cpu": "500m", "memory": "128Mi"},
                     "requests": {"cpu": "250m"}}}]}}"""));
        assertThat(json.at("/spec/strategy")).isEqualTo(JSON.readTree("""
                {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": "25%"}}"""));
        assertThat(json.has("status")).isFalse();
    }

    @Test
    void deploymentWithoutReplicasLeavesThemForDefaulting() {
        V1Apps.Deployment deployment = deployment(V1Apps.DeploymentSpec.newBuilder());

        ObjectNode json = ProtobufBodies.decode(body("apps/v1", "Deployment", deployment));

        assertThat(json.get("spec").has("replicas")).isFalse();
        assertThat(json.get("spec").has("minReadySeconds")).isFalse();
        assertThat(json.get("spec").has("paused")).isFalse();
    }

    @Test
    void serviceTargetPortIsANumberOrAName() throws Exception {
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(meta("web"))
                .setSpec(V1.ServiceSpec.newBuilder()
                        .putSelector("app", "web")
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
                                .setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(8080).setStrVal("")))
                        .addPorts(V1.ServicePort.newBuilder().setName("metrics").setProtocol("TCP").setPort(9090)
                                .setTargetPort(IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("metrics")))
                        .addPorts(V1.ServicePort.newBuilder().setName("raw").setProtocol("UDP").setPort(5353))
                        .setType("ClusterIP"))
                .build();

        JsonNode ports = ProtobufBodies.decode(body("v1", "Service", service)).at("/spec/ports");

        assertThat(ports).isEqualTo(JSON.readTree("""
                [{"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080},
                 {"name": "metrics", "protocol": "TCP", "port": 9090, "targetPort": "metrics"},
                 {"name": "raw", "protocol": "UDP", "port": 5353}]"""));
    }

    @Test
    void rejectsABodyWithoutTheKubernetesPrefix() {
        byte[] json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ProtobufBodies.decode(json))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("does not start with the Kubernetes prefix");
        assertThatThrownBy(() -> ProtobufBodies.decode(new byte[0]))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("does not start with the Kubernetes prefix");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] whole = body("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(meta("cut")).putData("a", "b").build());

        assertThatThrownBy(() -> ProtobufBodies.decode(Arrays.copyOf(whole, whole.length - 7)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("not a valid runtime.Unknown envelope");
    }

    @Test
    void rejectsAnObjectWhoseOwnBytesAreTruncated() {
        ByteString raw = V1.ConfigMap.newBuilder().setMetadata(meta("cut")).putData("a", "b").build().toByteString();
        byte[] envelope = GoWire.envelope("v1", "ConfigMap", raw.substring(0, raw.size() - 3));

        assertThatThrownBy(() -> ProtobufBodies.decode(envelope))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("does not hold a valid ConfigMap (v1)");
    }

    @Test
    void rejectsAKindTheGroupVersionDoesNotHave() {
        assertThatThrownBy(() -> ProtobufBodies.decode(GoWire.envelope("v1", "Gadget", ByteString.EMPTY)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessage("no kind \"Gadget\" is registered for version \"v1\" in the protobuf decoder");
        assertThatThrownBy(() -> ProtobufBodies.decode(GoWire.envelope("example.com/v1", "Widget", ByteString.EMPTY)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessage("no kind \"Widget\" is registered for version \"example.com/v1\" in the protobuf decoder");
    }

    @Test
    void rejectsMessagesThatArePartsOfAKindRatherThanAKind() {
        assertThatThrownBy(() -> ProtobufBodies.decode(GoWire.envelope("apps/v1", "DeploymentSpec", ByteString.EMPTY)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("no kind \"DeploymentSpec\"");
    }

    @Test
    void rejectsAnEnvelopeWithoutKind() {
        assertThatThrownBy(() -> ProtobufBodies.decode(GoWire.envelope("v1", "", ByteString.EMPTY)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("Object 'Kind' is missing");
    }

    @Test
    void refusesFieldNumbersTheSchemaDoesNotKnowRatherThanDroppingThem() {
        ObjectMeta metadata = meta("newer-client")
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("x")).build())
                        .build())
                .build();
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder().setMetadata(metadata).build();

        assertThatThrownBy(() -> ProtobufBodies.decode(body("v1", "ConfigMap", configMap)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("protobuf field number 99")
                .hasMessageContaining("k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta")
                .hasMessageContaining("at \"metadata\"");
    }

    @Test
    void refusesCompressedContent() {
        byte[] withEncoding = GoWire.envelope("v1", "ConfigMap", ByteString.EMPTY, "gzip");

        assertThatThrownBy(() -> ProtobufBodies.decode(withEncoding))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("unsupported contentEncoding \"gzip\"");
    }

    static ObjectMeta.Builder meta(String name) {
        return ObjectMeta.newBuilder().setName(name);
    }

    private static V1Apps.Deployment deployment(V1Apps.DeploymentSpec.Builder spec) {
        V1.Container container = V1.Container.newBuilder()
                .setName("web")
                .setImage("nginx:1.27")
                .addPorts(V1.ContainerPort.newBuilder().setName("http").setContainerPort(8080).setProtocol("TCP"))
                .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValue("production"))
                .addEnv(V1.EnvVar.newBuilder().setName("EMPTY"))
                .addEnv(V1.EnvVar.newBuilder().setName("TOKEN").setValueFrom(V1.EnvVarSource.newBuilder()
                        .setSecretKeyRef(V1.SecretKeySelector.newBuilder()
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("api"))
                                .setKey("token"))))
                .setResources(V1.ResourceRequirements.newBuilder()
                        .putLimits("cpu", quantity("500m"))
                        .putLimits("memory", quantity("128Mi"))
                        .putRequests("cpu", quantity("250m")))
                .build();
        return V1Apps.Deployment.newBuilder()
                .setMetadata(meta("web"))
                .setSpec(spec
                        .setSelector(LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(ObjectMeta.newBuilder().putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container)))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder()
                                .setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(0))
                                        .setMaxSurge(IntOrString.newBuilder().setType(1).setStrVal("25%")))))
                .build();
    }

    private static Quantity quantity(String value) {
        return Quantity.newBuilder().setString(value).build();
    }
}
