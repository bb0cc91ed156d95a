package dev.skiff.engine.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Bodies captured from kubectl v1.32.5 talking to a stub server; each expectation is kubectl's own
 * {@code --dry-run=client -o json} for the same command, without its nulls and empty objects.
 */
class KubectlBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** kubectl create configmap game-config --from-literal=a=b --from-literal=empty= */
    private static final String CREATE_CONFIGMAP =
            "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEjAKGwoLZ2FtZS1jb25maWcSABoAIgAqADIAOABCABIGCgFhEgFiEgkKBWVtcHR5EgAaACIA";

    /** kubectl create deployment web --image=nginx --replicas=0 --port=8080 */
    private static final String CREATE_DEPLOYMENT =
            "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErkBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEocBCAASDAoKCgNhcHAS"
            + "A3dlYhptChwKABIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEk0SLwoFbmdpbngSBW5naW54KgAyCwoAEAAYkD8iACoAQgBqAHIAgAEA"
            + "iAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA";

    /** kubectl create service nodeport np --tcp=80:http */
    private static final String CREATE_SERVICE =
            "azhzAAoNCgJ2MRIHU2VydmljZRJoCh0KAm5wEgAaACIAKgAyADgAQgBaCQoDYXBwEgJucBJDCh4KBzgwLWh0dHASA1RDUBhQIgoIARAA"
            + "GgRodHRwKAASCQoDYXBwEgJucBoAIghOb2RlUG9ydDoAQgBSAFoAYABoABoCCgAaACIA";

    /** kubectl auth can-i create pods */
    private static final String AUTH_CAN_I =
            "azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSPwoQCgASABoAIgAqADIAOABCABIh"
            + "Ch8KB2RlZmF1bHQSBmNyZWF0ZRoAIgAqBHBvZHMyADoAGggIABIAGgAgABoAIgA=";

    /** kubectl create poddisruptionbudget pdb1 --selector=app=web --min-available=0 */
    private static final String CREATE_PDB =
            "azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSOgoUCgRwZGIxEgAaACIAKgAyADgAQgASFgoGCAAQABoAEgwKCgoD"
            + "YXBwEgN3ZWIaCggAGAAgACgAMAAaACIA";

    @Test
    void configMapKeepsItsEmptyValueAndNothingGoLeftEmpty() throws Exception {
        assertThat(decode(CREATE_CONFIGMAP)).isEqualTo(JSON.readTree("""
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "game-config"},
                 "data": {"a": "b", "empty": ""}}"""));
    }

    @Test
    void deploymentKeepsReplicasOfZero() throws Exception {
        assertThat(decode(CREATE_DEPLOYMENT)).isEqualTo(JSON.readTree("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "labels": {"app": "web"}},
                 "spec": {
                   "replicas": 0,
                   "selector": {"matchLabels": {"app": "web"}},
                   "template": {
                     "metadata": {"labels": {"app": "web"}},
                     "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 8080}]}]}}}}"""));
    }

    @Test
    void serviceTargetPortByNameStaysAString() throws Exception {
        assertThat(decode(CREATE_SERVICE)).isEqualTo(JSON.readTree("""
                {"apiVersion": "v1", "kind": "Service",
                 "metadata": {"name": "np", "labels": {"app": "np"}},
                 "spec": {
                   "ports": [{"name": "80-http", "protocol": "TCP", "port": 80, "targetPort": "http"}],
                   "selector": {"app": "np"},
                   "type": "NodePort"}}"""));
    }

    @Test
    void authCanIAsksAboutTheResourceInItsNamespace() throws Exception {
        // "allowed" has no omitempty in Go, so Go's JSON writes it even for a question.
        assertThat(decode(AUTH_CAN_I)).isEqualTo(JSON.readTree("""
                {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                 "spec": {"resourceAttributes": {"namespace": "default", "verb": "create", "resource": "pods"}},
                 "status": {"allowed": false}}"""));
    }

    @Test
    void podDisruptionBudgetKeepsMinAvailableOfZero() throws Exception {
        assertThat(decode(CREATE_PDB)).isEqualTo(JSON.readTree("""
                {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                 "metadata": {"name": "pdb1"},
                 "spec": {"minAvailable": 0, "selector": {"matchLabels": {"app": "web"}}},
                 "status": {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}}"""));
    }

    static byte[] bytes(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static JsonNode decode(String base64) {
        return ProtobufBodies.decode(bytes(base64));
    }
}
