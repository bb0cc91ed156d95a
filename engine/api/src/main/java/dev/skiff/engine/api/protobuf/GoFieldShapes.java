package dev.skiff.engine.api.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Go structs behind Kubernetes' protobuf messages say about each field, which the protobuf
 * descriptors cannot tell: whether the Go field is a pointer (so a zero value on the wire was set on
 * purpose), whether a number or boolean lacks {@code omitempty} (so Go's JSON writes it even when zero),
 * whether the field is embedded with {@code json:",inline"}, and where the JSON name differs from the
 * protobuf name.
 *
 * <p>Generated from the struct tags of k8s.io/api and k8s.io/apimachinery (pkg/apis/meta/v1) at v0.32.9,
 * for the group versions {@link KindDescriptors} knows. Each line is a message's full protobuf name
 * followed by its protobuf field names (or {@code protoName=jsonName} pairs).
 */
final class GoFieldShapes {

    /** Go pointer fields: gogo-protobuf writes them only when non-nil. */
    private static final Map<String, Set<String>> POINTERS = parse("""
            k8s.io.api.admissionregistration.v1.MatchResources namespaceSelector objectSelector matchPolicy
            k8s.io.api.admissionregistration.v1.MutatingWebhook failurePolicy matchPolicy namespaceSelector objectSelector sideEffects timeoutSeconds reinvocationPolicy
            k8s.io.api.admissionregistration.v1.ParamRef selector parameterNotFoundAction
            k8s.io.api.admissionregistration.v1.Rule scope
            k8s.io.api.admissionregistration.v1.ServiceReference path port
            k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec paramRef matchResources
            k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicySpec paramKind matchConstraints failurePolicy
            k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus typeChecking
            k8s.io.api.admissionregistration.v1.ValidatingWebhook failurePolicy matchPolicy namespaceSelector objectSelector sideEffects timeoutSeconds
            k8s.io.api.admissionregistration.v1.Validation reason
            k8s.io.api.admissionregistration.v1.WebhookClientConfig url service
            k8s.io.api.apps.v1.DaemonSetSpec selector revisionHistoryLimit
            k8s.io.api.apps.v1.DaemonSetStatus collisionCount
            k8s.io.api.apps.v1.DaemonSetUpdateStrategy rollingUpdate
            k8s.io.api.apps.v1.DeploymentSpec replicas selector revisionHistoryLimit progressDeadlineSeconds
            k8s.io.api.apps.v1.DeploymentStatus collisionCount
            k8s.io.api.apps.v1.DeploymentStrategy rollingUpdate
            k8s.io.api.apps.v1.ReplicaSetSpec replicas selector
            k8s.io.api.apps.v1.RollingUpdateDaemonSet maxUnavailable maxSurge
            k8s.io.api.apps.v1.RollingUpdateDeployment maxUnavailable maxSurge
            k8s.io.api.apps.v1.RollingUpdateStatefulSetStrategy partition maxUnavailable
            k8s.io.api.apps.v1.StatefulSetSpec replicas selector revisionHistoryLimit persistentVolumeClaimRetentionPolicy ordinals
            k8s.io.api.apps.v1.StatefulSetStatus collisionCount
            k8s.io.api.apps.v1.StatefulSetUpdateStrategy rollingUpdate
            k8s.io.api.authentication.v1.TokenRequestSpec expirationSeconds boundObjectRef
            k8s.io.api.authorization.v1.ResourceAttributes fieldSelector labelSelector
            k8s.io.api.authorization.v1.SelfSubjectAccessReviewSpec resourceAttributes nonResourceAttributes
            k8s.io.api.authorization.v1.SubjectAccessReviewSpec resourceAttributes nonResourceAttributes
            k8s.io.api.autoscaling.v1.ContainerResourceMetricSource targetAverageUtilization targetAverageValue
            k8s.io.api.autoscaling.v1.ContainerResourceMetricStatus currentAverageUtilization
            k8s.io.api.autoscaling.v1.ExternalMetricSource metricSelector targetValue targetAverageValue
            k8s.io.api.autoscaling.v1.ExternalMetricStatus metricSelector currentAverageValue
            k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerSpec minReplicas targetCPUUtilizationPercentage
            k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerStatus observedGeneration lastScaleTime currentCPUUtilizationPercentage
            k8s.io.api.autoscaling.v1.MetricSpec object pods resource containerResource external
            k8s.io.api.autoscaling.v1.MetricStatus object pods resource containerResource external
            k8s.io.api.autoscaling.v1.ObjectMetricSource selector averageValue
            k8s.io.api.autoscaling.v1.ObjectMetricStatus selector averageValue
            k8s.io.api.autoscaling.v1.PodsMetricSource selector
            k8s.io.api.autoscaling.v1.PodsMetricStatus selector
            k8s.io.api.autoscaling.v1.ResourceMetricSource targetAverageUtilization targetAverageValue
            k8s.io.api.autoscaling.v1.ResourceMetricStatus currentAverageUtilization
            k8s.io.api.batch.v1.CronJobSpec timeZone startingDeadlineSeconds suspend successfulJobsHistoryLimit failedJobsHistoryLimit
            k8s.io.api.batch.v1.CronJobStatus lastScheduleTime lastSuccessfulTime
            k8s.io.api.batch.v1.JobSpec parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector manualSelector ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy
            k8s.io.api.batch.v1.JobStatus startTime completionTime terminating failedIndexes uncountedTerminatedPods ready
            k8s.io.api.batch.v1.PodFailurePolicyOnExitCodesRequirement containerName
            k8s.io.api.batch.v1.PodFailurePolicyRule onExitCodes
            k8s.io.api.batch.v1.SuccessPolicyRule succeededIndexes succeededCount
            k8s.io.api.certificates.v1.CertificateSigningRequestSpec expirationSeconds
            k8s.io.api.core.v1.Affinity nodeAffinity podAffinity podAntiAffinity
            k8s.io.api.core.v1.AppArmorProfile localhostProfile
            k8s.io.api.core.v1.AzureDiskVolumeSource cachingMode fsType readOnly kind
            k8s.io.api.core.v1.AzureFilePersistentVolumeSource secretNamespace
            k8s.io.api.core.v1.CSIPersistentVolumeSource controllerPublishSecretRef nodeStageSecretRef nodePublishSecretRef controllerExpandSecretRef nodeExpandSecretRef
            k8s.io.api.core.v1.CSIVolumeSource readOnly fsType nodePublishSecretRef
            k8s.io.api.core.v1.CephFSPersistentVolumeSource secretRef
            k8s.io.api.core.v1.CephFSVolumeSource secretRef
            k8s.io.api.core.v1.CinderPersistentVolumeSource secretRef
            k8s.io.api.core.v1.CinderVolumeSource secretRef
            k8s.io.api.core.v1.ClientIPConfig timeoutSeconds
            k8s.io.api.core.v1.ClusterTrustBundleProjection name signerName labelSelector optional
            k8s.io.api.core.v1.ConfigMap immutable
            k8s.io.api.core.v1.ConfigMapEnvSource optional
            k8s.io.api.core.v1.ConfigMapKeySelector optional
            k8s.io.api.core.v1.ConfigMapProjection optional
            k8s.io.api.core.v1.ConfigMapVolumeSource defaultMode optional
            k8s.io.api.core.v1.Container restartPolicy livenessProbe readinessProbe startupProbe lifecycle securityContext
            k8s.io.api.core.v1.ContainerState waiting running terminated
            k8s.io.api.core.v1.ContainerStatus started resources user
            k8s.io.api.core.v1.ContainerUser linux
            k8s.io.api.core.v1.DownwardAPIVolumeFile fieldRef resourceFieldRef mode
            k8s.io.api.core.v1.DownwardAPIVolumeSource defaultMode
            k8s.io.api.core.v1.EmptyDirVolumeSource sizeLimit
            k8s.io.api.core.v1.EndpointAddress nodeName targetRef
            k8s.io.api.core.v1.EndpointPort appProtocol
            k8s.io.api.core.v1.EnvFromSource configMapRef secretRef
            k8s.io.api.core.v1.EnvVar valueFrom
            k8s.io.api.core.v1.EnvVarSource fieldRef resourceFieldRef configMapKeyRef secretKeyRef
            k8s.io.api.core.v1.EphemeralContainerCommon restartPolicy livenessProbe readinessProbe startupProbe lifecycle securityContext
            k8s.io.api.core.v1.EphemeralVolumeSource volumeClaimTemplate
            k8s.io.api.core.v1.Event series related
            k8s.io.api.core.v1.FCVolumeSource lun
            k8s.io.api.core.v1.FlexPersistentVolumeSource secretRef
            k8s.io.api.core.v1.FlexVolumeSource secretRef
            k8s.io.api.core.v1.GRPCAction service
            k8s.io.api.core.v1.GlusterfsPersistentVolumeSource endpointsNamespace
            k8s.io.api.core.v1.HostPathVolumeSource type
            k8s.io.api.core.v1.ISCSIPersistentVolumeSource secretRef initiatorName
            k8s.io.api.core.v1.ISCSIVolumeSource secretRef initiatorName
            k8s.io.api.core.v1.KeyToPath mode
            k8s.io.api.core.v1.Lifecycle postStart preStop
            k8s.io.api.core.v1.LifecycleHandler exec httpGet tcpSocket sleep
            k8s.io.api.core.v1.LoadBalancerIngress ipMode
            k8s.io.api.core.v1.LocalVolumeSource fsType
            k8s.io.api.core.v1.NodeAffinity requiredDuringSchedulingIgnoredDuringExecution
            k8s.io.api.core.v1.NodeConfigSource configMap
            k8s.io.api.core.v1.NodeConfigStatus assigned active lastKnownGood
            k8s.io.api.core.v1.NodeFeatures supplementalGroupsPolicy
            k8s.io.api.core.v1.NodeRuntimeHandler features
            k8s.io.api.core.v1.NodeRuntimeHandlerFeatures recursiveReadOnlyMounts userNamespaces
            k8s.io.api.core.v1.NodeSpec configSource
            k8s.io.api.core.v1.NodeStatus config features
            k8s.io.api.core.v1.PersistentVolumeClaimSpec selector storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName
            k8s.io.api.core.v1.PersistentVolumeClaimStatus currentVolumeAttributesClassName modifyVolumeStatus
            k8s.io.api.core.v1.PersistentVolumeSource gcePersistentDisk awsElasticBlockStore hostPath glusterfs nfs rbd iscsi cinder cephfs fc flocker flexVolume azureFile vsphereVolume quobyte azureDisk photonPersistentDisk portworxVolume scaleIO local storageos csi
            k8s.io.api.core.v1.PersistentVolumeSpec claimRef volumeMode nodeAffinity volumeAttributesClassName
            k8s.io.api.core.v1.PersistentVolumeStatus lastPhaseTransitionTime
            k8s.io.api.core.v1.PodAffinityTerm labelSelector namespaceSelector
            k8s.io.api.core.v1.PodDNSConfigOption value
            k8s.io.api.core.v1.PodLogOptions sinceSeconds sinceTime tailLines limitBytes stream
            k8s.io.api.core.v1.PodResourceClaim resourceClaimName resourceClaimTemplateName
            k8s.io.api.core.v1.PodResourceClaimStatus resourceClaimName
            k8s.io.api.core.v1.PodSecurityContext seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot supplementalGroupsPolicy fsGroup fsGroupChangePolicy seccompProfile appArmorProfile seLinuxChangePolicy
            k8s.io.api.core.v1.PodSignature podController
            k8s.io.api.core.v1.PodSpec terminationGracePeriodSeconds activeDeadlineSeconds automountServiceAccountToken shareProcessNamespace securityContext affinity priority dnsConfig runtimeClassName enableServiceLinks preemptionPolicy setHostnameAsFQDN os hostUsers resources
            k8s.io.api.core.v1.PodStatus startTime
            k8s.io.api.core.v1.PortStatus error
            k8s.io.api.core.v1.Preconditions uid
            k8s.io.api.core.v1.Probe terminationGracePeriodSeconds
            k8s.io.api.core.v1.ProbeHandler exec httpGet tcpSocket grpc
            k8s.io.api.core.v1.ProjectedVolumeSource defaultMode
            k8s.io.api.core.v1.RBDPersistentVolumeSource secretRef
            k8s.io.api.core.v1.RBDVolumeSource secretRef
            k8s.io.api.core.v1.ReplicationControllerSpec replicas template
            k8s.io.api.core.v1.ResourceQuotaSpec scopeSelector
            k8s.io.api.core.v1.ScaleIOPersistentVolumeSource secretRef
            k8s.io.api.core.v1.ScaleIOVolumeSource secretRef
            k8s.io.api.core.v1.SeccompProfile localhostProfile
            k8s.io.api.core.v1.Secret immutable
            k8s.io.api.core.v1.SecretEnvSource optional
            k8s.io.api.core.v1.SecretKeySelector optional
            k8s.io.api.core.v1.SecretProjection optional
            k8s.io.api.core.v1.SecretVolumeSource defaultMode optional
            k8s.io.api.core.v1.SecurityContext capabilities privileged seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile appArmorProfile
            k8s.io.api.core.v1.ServiceAccount automountServiceAccountToken
            k8s.io.api.core.v1.ServiceAccountTokenProjection expirationSeconds
            k8s.io.api.core.v1.ServicePort appProtocol
            k8s.io.api.core.v1.ServiceSpec sessionAffinityConfig ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution
            k8s.io.api.core.v1.SessionAffinityConfig clientIP
            k8s.io.api.core.v1.StorageOSPersistentVolumeSource secretRef
            k8s.io.api.core.v1.StorageOSVolumeSource secretRef
            k8s.io.api.core.v1.Taint timeAdded
            k8s.io.api.core.v1.Toleration tolerationSeconds
            k8s.io.api.core.v1.TopologySpreadConstraint labelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy
            k8s.io.api.core.v1.TypedLocalObjectReference apiGroup
            k8s.io.api.core.v1.TypedObjectReference apiGroup namespace
            k8s.io.api.core.v1.VolumeMount recursiveReadOnly mountPropagation
            k8s.io.api.core.v1.VolumeMountStatus recursiveReadOnly
            k8s.io.api.core.v1.VolumeNodeAffinity required
            k8s.io.api.core.v1.VolumeProjection secret downwardAPI configMap serviceAccountToken clusterTrustBundle
            k8s.io.api.core.v1.VolumeSource hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos csi ephemeral image
            k8s.io.api.core.v1.WindowsSecurityContextOptions gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess
            k8s.io.api.networking.v1.HTTPIngressPath pathType
            k8s.io.api.networking.v1.IngressBackend service resource
            k8s.io.api.networking.v1.IngressClassParametersReference aPIGroup scope namespace
            k8s.io.api.networking.v1.IngressClassSpec parameters
            k8s.io.api.networking.v1.IngressPortStatus error
            k8s.io.api.networking.v1.IngressRuleValue http
            k8s.io.api.networking.v1.IngressSpec ingressClassName defaultBackend
            k8s.io.api.networking.v1.NetworkPolicyPeer podSelector namespaceSelector ipBlock
            k8s.io.api.networking.v1.NetworkPolicyPort protocol port endPort
            k8s.io.api.policy.v1.Eviction deleteOptions
            k8s.io.api.policy.v1.PodDisruptionBudgetSpec minAvailable selector maxUnavailable unhealthyPodEvictionPolicy
            k8s.io.api.rbac.v1.ClusterRole aggregationRule
            k8s.io.api.scheduling.v1.PriorityClass preemptionPolicy
            k8s.io.api.storage.v1.CSIDriverSpec attachRequired podInfoOnMount storageCapacity fsGroupPolicy requiresRepublish seLinuxMount
            k8s.io.api.storage.v1.CSINodeDriver allocatable
            k8s.io.api.storage.v1.CSIStorageCapacity nodeTopology capacity maximumVolumeSize
            k8s.io.api.storage.v1.StorageClass reclaimPolicy allowVolumeExpansion volumeBindingMode
            k8s.io.api.storage.v1.TokenRequest expirationSeconds
            k8s.io.api.storage.v1.VolumeAttachmentSource persistentVolumeName inlineVolumeSpec
            k8s.io.api.storage.v1.VolumeAttachmentStatus attachError detachError
            k8s.io.api.storage.v1.VolumeNodeResources count
            k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions gracePeriodSeconds preconditions orphanDependents propagationPolicy ignoreStoreReadErrorWithClusterBreakingPotential
            k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta remainingItemCount
            k8s.io.apimachinery.pkg.apis.meta.v1.ListOptions timeoutSeconds sendInitialEvents
            k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry time fieldsV1
            k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta deletionTimestamp deletionGracePeriodSeconds
            k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference controller blockOwnerDeletion
            k8s.io.apimachinery.pkg.apis.meta.v1.PatchOptions force
            k8s.io.apimachinery.pkg.apis.meta.v1.Preconditions uid resourceVersion
            k8s.io.apimachinery.pkg.apis.meta.v1.Status details
            """);

    /** Non-pointer numbers and booleans without omitempty: Go's JSON writes them even when zero. */
    private static final Map<String, Set<String>> ALWAYS_WRITTEN = parse("""
            k8s.io.api.apps.v1.ControllerRevision revision
            k8s.io.api.apps.v1.DaemonSetStatus currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady
            k8s.io.api.apps.v1.ReplicaSetStatus replicas
            k8s.io.api.apps.v1.StatefulSetOrdinals start
            k8s.io.api.apps.v1.StatefulSetStatus replicas availableReplicas
            k8s.io.api.authorization.v1.SubjectAccessReviewStatus allowed
            k8s.io.api.authorization.v1.SubjectRulesReviewStatus incomplete
            k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerSpec maxReplicas
            k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerStatus currentReplicas desiredReplicas
            k8s.io.api.autoscaling.v1.ScaleStatus replicas
            k8s.io.api.core.v1.ContainerPort containerPort
            k8s.io.api.core.v1.ContainerStateTerminated exitCode
            k8s.io.api.core.v1.ContainerStatus ready restartCount
            k8s.io.api.core.v1.DaemonEndpoint Port
            k8s.io.api.core.v1.EndpointPort port
            k8s.io.api.core.v1.GRPCAction port
            k8s.io.api.core.v1.ISCSIPersistentVolumeSource lun
            k8s.io.api.core.v1.ISCSIVolumeSource lun
            k8s.io.api.core.v1.LinuxContainerUser uid gid
            k8s.io.api.core.v1.PortStatus port
            k8s.io.api.core.v1.PreferredSchedulingTerm weight
            k8s.io.api.core.v1.ReplicationControllerStatus replicas
            k8s.io.api.core.v1.ServicePort port
            k8s.io.api.core.v1.SleepAction seconds
            k8s.io.api.core.v1.TopologySpreadConstraint maxSkew
            k8s.io.api.core.v1.WeightedPodAffinityTerm weight
            k8s.io.api.networking.v1.IngressPortStatus port
            k8s.io.api.policy.v1.PodDisruptionBudgetStatus disruptionsAllowed currentHealthy desiredHealthy expectedPods
            k8s.io.api.scheduling.v1.PriorityClass value
            k8s.io.api.storage.v1.VolumeAttachmentStatus attached
            k8s.io.apimachinery.pkg.apis.meta.v1.APIResource namespaced
            k8s.io.apimachinery.pkg.apis.meta.v1.ApplyOptions force
            k8s.io.apimachinery.pkg.apis.meta.v1.Timestamp seconds nanos
            """);

    /** Embedded structs whose fields Go's JSON writes into the parent object. */
    private static final Map<String, Set<String>> INLINE = parse("""
            k8s.io.api.admissionregistration.v1.NamedRuleWithOperations ruleWithOperations
            k8s.io.api.admissionregistration.v1.RuleWithOperations rule
            k8s.io.api.core.v1.ConfigMapEnvSource localObjectReference
            k8s.io.api.core.v1.ConfigMapKeySelector localObjectReference
            k8s.io.api.core.v1.ConfigMapProjection localObjectReference
            k8s.io.api.core.v1.ConfigMapVolumeSource localObjectReference
            k8s.io.api.core.v1.EphemeralContainer ephemeralContainerCommon
            k8s.io.api.core.v1.PersistentVolumeSpec persistentVolumeSource
            k8s.io.api.core.v1.Probe handler
            k8s.io.api.core.v1.SecretEnvSource localObjectReference
            k8s.io.api.core.v1.SecretKeySelector localObjectReference
            k8s.io.api.core.v1.SecretProjection localObjectReference
            k8s.io.api.core.v1.Volume volumeSource
            k8s.io.api.networking.v1.IngressRule ingressRuleValue
            """);

    /** Fields whose JSON name differs from their protobuf name. */
    private static final Map<String, Map<String, String>> RENAMED = parseRenames("""
            k8s.io.api.admissionregistration.v1.MutatingWebhookConfiguration Webhooks=webhooks
            k8s.io.api.admissionregistration.v1.ValidatingWebhookConfiguration Webhooks=webhooks
            k8s.io.api.admissionregistration.v1.Validation Expression=expression
            k8s.io.api.admissionregistration.v1.Variable Name=name Expression=expression
            k8s.io.api.authentication.v1.BoundObjectReference uID=uid
            k8s.io.api.networking.v1.IngressClassParametersReference aPIGroup=apiGroup
            """);

    private GoFieldShapes() {
    }

    static boolean isPointer(FieldDescriptor field) {
        return listed(POINTERS, field);
    }

    static boolean isAlwaysWritten(FieldDescriptor field) {
        return listed(ALWAYS_WRITTEN, field);
    }

    static boolean isInline(FieldDescriptor field) {
        return listed(INLINE, field);
    }

    static String jsonName(FieldDescriptor field) {
        return RENAMED.getOrDefault(field.getContainingType().getFullName(), Map.of())
                .getOrDefault(field.getName(), field.getName());
    }

    /** Every listed message name with its listed fields, for checking the tables against the descriptors. */
    static Map<String, Set<String>> allListedFields() {
        Map<String, Set<String>> all = new HashMap<>();
        for (Map<String, Set<String>> table : List.of(POINTERS, ALWAYS_WRITTEN, INLINE)) {
            table.forEach((message, fields) -> all.merge(message, fields, GoFieldShapes::union));
        }
        RENAMED.forEach((message, names) -> all.merge(message, names.keySet(), GoFieldShapes::union));
        return all;
    }

    private static boolean listed(Map<String, Set<String>> table, FieldDescriptor field) {
        Set<String> fields = table.get(field.getContainingType().getFullName());
        return fields != null && fields.contains(field.getName());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.addAll(b);
        return both;
    }

    private static Map<String, Set<String>> parse(String table) {
        Map<String, Set<String>> parsed = new HashMap<>();
        table.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] words = line.split(" +");
            parsed.put(words[0], Set.of(Arrays.copyOfRange(words, 1, words.length)));
        });
        return Map.copyOf(parsed);
    }

    private static Map<String, Map<String, String>> parseRenames(String table) {
        Map<String, Map<String, String>> parsed = new HashMap<>();
        parse(table).forEach((message, pairs) -> {
            Map<String, String> names = new HashMap<>();
            pairs.forEach(pair -> names.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
            parsed.put(message, Map.copyOf(names));
        });
        return Map.copyOf(parsed);
    }
}
