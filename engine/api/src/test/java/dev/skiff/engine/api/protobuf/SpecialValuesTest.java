package dev.skiff.engine.api.protobuf;

import static dev.skiff.engine.api.protobuf.GoWire.body;
import static dev.skiff.engine.api.protobuf.ProtobufBodiesTest.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Policy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpecialValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-11-23T15:38:35Z");

    @Test
    void timeIsRfc3339InWholeSecondsAndAZeroTimeIsLeftOut() {
        V1.Event event = V1.Event.newBuilder()
                .setMetadata(meta("web.1").setCreationTimestamp(time(CREATED.getEpochSecond(), 999)))
                .setReason("Started")
                .setFirstTimestamp(time(0, 0))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(CREATED.getEpochSecond()).setNanos(123_456_789))
                .build();

        ObjectNode json = ProtobufBodies.decode(body("v1", "Event", event));

        assertThat(json.at("/metadata/creationTimestamp").textValue()).isEqualTo("2026-11-23T15:38:35Z");
        assertThat(json.get("firstTimestamp").textValue()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(json.get("eventTime").textValue()).isEqualTo("2026-11-23T15:38:35.123456Z");
        // Go wrote the unset lastTimestamp as an empty message, which is its zero Time.
        assertThat(json.has("lastTimestamp")).isFalse();
    }

    @Test
    void rawExtensionAndFieldsV1BecomeTheJsonTheyHold() throws Exception {
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(meta("web-7d9f").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                        .setManager("kubectl")
                        .setOperation("Update")
                        .setTime(time(CREATED.getEpochSecond(), 0))
                        .setFieldsType("FieldsV1")
                        .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(ByteString.copyFromUtf8("{\"f:data\":{}}")))))
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"replicas\":2}}")))
                .build();

        ObjectNode json = ProtobufBodies.decode(body("apps/v1", "ControllerRevision", revision));

        assertThat(json.get("data")).isEqualTo(JSON.readTree("{\"spec\":{\"replicas\":2}}"));
        assertThat(json.at("/metadata/managedFields/0")).isEqualTo(JSON.readTree("""
                {"manager": "kubectl", "operation": "Update", "time": "2026-11-23T15:38:35Z",
                 "fieldsType": "FieldsV1", "fieldsV1": {"f:data": {}}}"""));
        // revision has no omitempty in Go, so its zero is written.
        assertThat(json.get("revision").intValue()).isZero();
    }

    @Test
    void rawExtensionMayHoldAnotherProtobufObject() {
        byte[] inner = body("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(meta("inner")).build());
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(meta("outer"))
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFrom(inner)))
                .build();

        ObjectNode json = ProtobufBodies.decode(body("apps/v1", "ControllerRevision", revision));

        assertThat(json.at("/data/kind").textValue()).isEqualTo("ConfigMap");
        assertThat(json.at("/data/metadata/name").textValue()).isEqualTo("inner");
    }

    @Test
    void rejectsObjectsEmbeddedInsideEachOtherWithoutEnd() {
        byte[] nested = body("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(meta("core")).build());
        for (int level = 0; level < 20; level++) {
            nested = body("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                    .setMetadata(meta("level-" + level))
                    .setData(RawExtension.newBuilder().setRaw(ByteString.copyFrom(nested)))
                    .build());
        }
        byte[] tooDeep = nested;

        assertThatThrownBy(() -> ProtobufBodies.decode(tooDeep))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("nest more than 8 levels deep");
    }

    @Test
    void rejectsARawExtensionThatHoldsNeitherJsonNorProtobuf() {
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(meta("bad"))
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("not json")))
                .build();

        assertThatThrownBy(() -> ProtobufBodies.decode(body("apps/v1", "ControllerRevision", revision)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageContaining("the embedded object at \"data\" is neither JSON nor Kubernetes protobuf");
    }

    @Test
    void volumeSourceIsInlinedAndAnEmptyPointerStructStays() throws Exception {
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(meta("cache"))
                .setSpec(V1.PodSpec.newBuilder()
                        .setSecurityContext(V1.PodSecurityContext.newBuilder())
                        .addVolumes(V1.Volume.newBuilder().setName("scratch")
                                .setVolumeSource(V1.VolumeSource.newBuilder().setEmptyDir(V1.EmptyDirVolumeSource.newBuilder())))
                        .addVolumes(V1.Volume.newBuilder().setName("config")
                                .setVolumeSource(V1.VolumeSource.newBuilder().setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings"))
                                        .setDefaultMode(420)
                                        .setOptional(false)))))
                .build();

        ObjectNode json = ProtobufBodies.decode(body("v1", "Pod", pod));

        assertThat(json.at("/spec/volumes")).isEqualTo(JSON.readTree("""
                [{"name": "scratch", "emptyDir": {}},
                 {"name": "config", "configMap": {"name": "settings", "defaultMode": 420, "optional": false}}]"""));
        assertThat(json.at("/spec/securityContext")).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void extraValuesBecomeArraysOfStrings() throws Exception {
        V1Authorization.SubjectAccessReview review = V1Authorization.SubjectAccessReview.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder())
                .setSpec(V1Authorization.SubjectAccessReviewSpec.newBuilder()
                        .setUser("alice")
                        .addGroups("devs")
                        .putExtra("scopes", V1Authorization.ExtraValue.newBuilder().addItems("read").addItems("write").build())
                        .setNonResourceAttributes(V1Authorization.NonResourceAttributes.newBuilder().setPath("/healthz").setVerb("get")))
                .build();

        ObjectNode json = ProtobufBodies.decode(body("authorization.k8s.io/v1", "SubjectAccessReview", review));

        assertThat(json.get("spec")).isEqualTo(JSON.readTree("""
                {"nonResourceAttributes": {"path": "/healthz", "verb": "get"},
                 "user": "alice", "groups": ["devs"], "extra": {"scopes": ["read", "write"]}}"""));
    }

    @Test
    void evictionKeepsAGracePeriodOfZero() {
        V1Policy.Eviction eviction = V1Policy.Eviction.newBuilder()
                .setMetadata(meta("web-0").setNamespace("default"))
                .setDeleteOptions(Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0))
                .build();

        ObjectNode json = ProtobufBodies.decode(body("policy/v1", "Eviction", eviction));

        assertThat(json.at("/deleteOptions/gracePeriodSeconds").isIntegralNumber()).isTrue();
        assertThat(json.at("/deleteOptions/gracePeriodSeconds").longValue()).isZero();
    }

    @Test
    void deleteOptionsAreUnderstoodInAnyGroupVersion() throws Exception {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder().setPropagationPolicy("Foreground").build();

        assertThat(ProtobufBodies.decode(body("apps/v1", "DeleteOptions", options))).isEqualTo(JSON.readTree("""
                {"apiVersion": "apps/v1", "kind": "DeleteOptions", "propagationPolicy": "Foreground"}"""));
    }

    private static Meta.Time time(long seconds, int nanos) {
        return Meta.Time.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }
}
