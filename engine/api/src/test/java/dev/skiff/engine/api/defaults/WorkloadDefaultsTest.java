package dev.skiff.engine.api.defaults;

import static dev.skiff.engine.api.defaults.Manifests.defaulted;
import static dev.skiff.engine.api.defaults.Manifests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class WorkloadDefaultsTest {

    @Test
    void minimalDeploymentLooksAsA132ClusterShowsIt() {
        ObjectNode deployment = defaulted("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                 "spec": {"selector": {"matchLabels": {"app": "web"}},
                          "template": {"metadata": {"labels": {"app": "web"}},
                                       "spec": {"containers": [{"name": "web", "image": "nginx:1.25",
                                                                "ports": [{"containerPort": 80}]}]}}}}
                """);

        assertThat(deployment).isEqualTo(json("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                 "spec": {
                   "replicas": 1,
                   "selector": {"matchLabels": {"app": "web"}},
                   "strategy": {"type": "RollingUpdate",
                                "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
                   "revisionHistoryLimit": 10,
                   "progressDeadlineSeconds": 600,
                   "template": {
                     "metadata": {"labels": {"app": "web"}},
                     "spec": {
                       "containers": [{
                         "name": "web", "image": "nginx:1.25",
                         "ports": [{"containerPort": 80, "protocol": "TCP"}],
                         "terminationMessagePath": "/dev/termination-log",
                         "terminationMessagePolicy": "File",
                         "imagePullPolicy": "IfNotPresent"}],
                       "restartPolicy": "Always",
                       "terminationGracePeriodSeconds": 30,
                       "dnsPolicy": "ClusterFirst",
                       "securityContext": {},
                       "schedulerName": "default-scheduler"}}}}
                """));
    }

    @Test
    void podTemplatesDoNotGetPodOnlyDefaults() {
        ObjectNode deployment = defaulted("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                 "spec": {"template": {"spec": {"hostNetwork": true, "containers": [{"name": "web", "image": "web",
                   "ports": [{"containerPort": 8080}], "resources": {"limits": {"cpu": "1"}}}]}}}}
                """);

        ObjectNode spec = (ObjectNode) deployment.at("/spec/template/spec");
        assertThat(spec.has("enableServiceLinks")).isFalse();
        assertThat(spec.at("/containers/0/resources").has("requests")).isFalse();
        assertThat(spec.at("/containers/0/ports/0").has("hostPort")).isFalse();
    }

    @Test
    void recreateDeploymentGetsNoRollingUpdateBlock() {
        ObjectNode deployment = defaulted("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"strategy": {"type": "Recreate"}}}
                """);

        assertThat(deployment.at("/spec/strategy")).isEqualTo(json("{\"type\": \"Recreate\"}"));
    }

    @Test
    void deploymentKeepsWhatTheUserSet() {
        ObjectNode deployment = defaulted("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "spec": {"replicas": 0, "revisionHistoryLimit": 0, "progressDeadlineSeconds": 60,
                          "strategy": {"rollingUpdate": {"maxSurge": 0}}}}
                """);

        assertThat(deployment.at("/spec/replicas").asInt()).isZero();
        assertThat(deployment.at("/spec/revisionHistoryLimit").asInt()).isZero();
        assertThat(deployment.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(60);
        assertThat(deployment.at("/spec/strategy")).isEqualTo(json("""
                {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": "25%"}, "type": "RollingUpdate"}
                """));
    }

    @Test
    void replicaSetGetsOneReplicaAndTemplateDefaults() {
        ObjectNode replicaSet = defaulted("""
                {"apiVersion": "apps/v1", "kind": "ReplicaSet",
                 "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "busybox"}]}}}}
                """);

        assertThat(replicaSet.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(replicaSet.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(replicaSet.at("/spec/template/spec/dnsPolicy").asText()).isEqualTo("ClusterFirst");
    }

    @Test
    void minimalJobLooksAsA132ClusterShowsItBeforeTheRegistryAddsItsSelector() {
        ObjectNode job = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
                 "spec": {"template": {"spec": {"restartPolicy": "Never",
                   "containers": [{"name": "pi", "image": "perl:5.34.0", "command": ["perl", "-e", "1"]}]}}}}
                """);

        assertThat(job).isEqualTo(json("""
                {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
                 "spec": {
                   "completions": 1, "parallelism": 1, "backoffLimit": 6,
                   "completionMode": "NonIndexed", "suspend": false,
                   "podReplacementPolicy": "TerminatingOrFailed", "manualSelector": false,
                   "template": {"spec": {
                     "restartPolicy": "Never",
                     "containers": [{"name": "pi", "image": "perl:5.34.0", "command": ["perl", "-e", "1"],
                                     "terminationMessagePath": "/dev/termination-log",
                                     "terminationMessagePolicy": "File",
                                     "imagePullPolicy": "IfNotPresent"}],
                     "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                     "securityContext": {}, "schedulerName": "default-scheduler"}}}}
                """));
    }

    @Test
    void jobTemplateWithoutRestartPolicyGetsAlwaysForValidationToReject() {
        ObjectNode job = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job",
                 "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a"}]}}}}
                """);

        assertThat(job.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void parallelJobDefaultsOnlyWhatIsMissing() {
        ObjectNode job = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job", "spec": {"parallelism": 3}}
                """);

        assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(3);
        assertThat(job.at("/spec").has("completions")).isFalse();
    }

    @Test
    void jobWithCompletionsRunsOnePodAtATime() {
        ObjectNode job = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": 5}}
                """);

        assertThat(job.at("/spec/completions").asInt()).isEqualTo(5);
        assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(1);
    }

    @Test
    void jobWithPodFailurePolicyReplacesOnlyFailedPods() {
        ObjectNode job = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job", "spec": {"podFailurePolicy": {"rules": [
                  {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]}}}
                """);

        assertThat(job.at("/spec/podReplacementPolicy").asText()).isEqualTo("Failed");
        assertThat(job.at("/spec/podFailurePolicy/rules/0/onPodConditions/0/status").asText()).isEqualTo("True");
    }

    @Test
    void jobWithBackoffLimitPerIndexHasNoJobWideLimit() {
        ObjectNode job = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job",
                 "spec": {"completionMode": "Indexed", "completions": 3, "backoffLimitPerIndex": 1}}
                """);

        assertThat(job.at("/spec/backoffLimit").asInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(job.at("/spec/completionMode").asText()).isEqualTo("Indexed");
    }

    @Test
    void jobWithoutLabelsTakesItsTemplateLabels() {
        ObjectNode job = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
                 "spec": {"template": {"metadata": {"labels": {"app": "pi"}}}}}
                """);
        ObjectNode labelled = defaulted("""
                {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi", "labels": {"team": "a"}},
                 "spec": {"template": {"metadata": {"labels": {"app": "pi"}}}}}
                """);

        assertThat(job.at("/metadata/labels")).isEqualTo(json("{\"app\": \"pi\"}"));
        assertThat(labelled.at("/metadata/labels")).isEqualTo(json("{\"team\": \"a\"}"));
    }

    @Test
    void statefulSetRollsFromPartitionZeroAndRetainsClaims() {
        ObjectNode set = defaulted("""
                {"apiVersion": "apps/v1", "kind": "StatefulSet",
                 "spec": {"volumeClaimTemplates": [{"metadata": {"name": "data"},
                   "spec": {"resources": {"requests": {"storage": "1024Mi"}}}}]}}
                """);

        assertThat(set.at("/spec/updateStrategy")).isEqualTo(json("""
                {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}"""));
        assertThat(set.at("/spec/persistentVolumeClaimRetentionPolicy")).isEqualTo(json("""
                {"whenDeleted": "Retain", "whenScaled": "Retain"}"""));
        assertThat(set.at("/spec/podManagementPolicy").asText()).isEqualTo("OrderedReady");
        assertThat(set.at("/spec/volumeClaimTemplates/0")).isEqualTo(json("""
                {"metadata": {"name": "data"},
                 "spec": {"resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"},
                 "status": {"phase": "Pending"}}"""));
    }

    @Test
    void daemonSetUpdatesOneNodeAtATime() {
        ObjectNode set = defaulted("{\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\"}");

        assertThat(set.at("/spec/updateStrategy")).isEqualTo(json("""
                {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}}"""));
        assertThat(set.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    }

    @Test
    void cronJobTemplateGetsPodDefaultsButNotJobDefaults() {
        ObjectNode cronJob = defaulted("""
                {"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"schedule": "* * * * *",
                 "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "OnFailure",
                   "containers": [{"name": "a", "image": "a:1"}]}}}}}}
                """);

        assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Allow");
        assertThat(cronJob.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
        assertThat(cronJob.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(1);
        assertThat(cronJob.at("/spec/suspend").asBoolean()).isFalse();
        assertThat(cronJob.at("/spec/jobTemplate/spec").has("backoffLimit")).isFalse();
        assertThat(cronJob.at("/spec/jobTemplate/spec/template/spec/schedulerName").asText())
                .isEqualTo("default-scheduler");
    }

    @Test
    void replicationControllerSelectsAndIsLabelledByItsTemplateLabels() {
        ObjectNode controller = defaulted("""
                {"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "rc"},
                 "spec": {"template": {"metadata": {"labels": {"app": "rc"}}, "spec": {}}}}
                """);

        assertThat(controller.at("/spec/selector")).isEqualTo(json("{\"app\": \"rc\"}"));
        assertThat(controller.at("/metadata/labels")).isEqualTo(json("{\"app\": \"rc\"}"));
        assertThat(controller.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(controller.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    }
}
