package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.GenericRegistry.Subresource;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.registry.Timestamps;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.ApiException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this machine as the cluster's Node and keeps it alive as a kubelet does: the Node object with
 * capacity, allocatable, addresses, node info and conditions, a Lease in {@code kube-node-lease} renewed every
 * 10 seconds, and a status heartbeat every minute.
 */
final class NodeRegistration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);
    static final Duration LEASE_DURATION = Duration.ofSeconds(40);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(10);
    private static final Duration STATUS_EVERY = Duration.ofMinutes(1);

    private final GenericRegistry registry;
    private final ResourceType nodes;
    private final ResourceType leases;
    private final NodeFacts facts;
    private final RequestContext self;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("node-heartbeat").factory());

    NodeRegistration(GenericRegistry registry, ResourceRegistry resources, NodeFacts facts) {
        this.registry = registry;
        this.nodes = resources.byKind("", "Node").orElseThrow();
        this.leases = resources.byKind("coordination.k8s.io", "Lease").orElseThrow();
        this.facts = facts;
        this.self = RequestContext.system("system:node:" + facts.name());
    }

    NodeRegistration start() {
        register();
        renewLease();
        timer.scheduleAtFixedRate(this::renewLeaseQuietly, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::heartbeatQuietly, STATUS_EVERY.toMillis(), STATUS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private void register() {
        ObjectNode node = Json.object();
        node.put("apiVersion", "v1");
        node.put("kind", "Node");
        ObjectNode meta = node.putObject("metadata");
        meta.put("name", facts.name());
        ObjectNode labels = meta.putObject("labels");
        labels.put("kubernetes.io/hostname", facts.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", facts.architecture());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("beta.kubernetes.io/arch", facts.architecture());
        labels.put("node-role.kubernetes.io/control-plane", "");
        node.putObject("spec");
        node.set("status", status());
        try {
            registry.create(nodes, null, node, self);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            registry.guaranteedUpdate(nodes, null, facts.name(), self, Subresource.STATUS, current -> {
                current.set("status", status());
                return current;
            });
        }
    }

    private ObjectNode status() {
        String now = Timestamps.now(registry.clock());
        ObjectNode status = Json.object();
        ObjectNode capacity = status.putObject("capacity");
        capacity.put("cpu", Long.toString(facts.cpus()));
        capacity.put("memory", (facts.memoryBytes() / 1024) + "Ki");
        capacity.put("ephemeral-storage", (facts.diskBytes() / 1024) + "Ki");
        capacity.put("pods", Integer.toString(facts.maxPods()));
        status.set("allocatable", capacity.deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", now);
        condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now);
        condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                now);
        condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
        if (facts.resourceLimitsReason() != null) {
            condition(conditions, "ResourceLimitsEnforced", "False", "CgroupsUnavailable",
                    facts.resourceLimitsReason(), now);
        } else {
            condition(conditions, "ResourceLimitsEnforced", "True", "CgroupsWritable",
                    "CPU and memory limits are enforced with cgroup " + facts.cgroupVersion(), now);
        }
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", NodeFacts.HOST_IP);
        addresses.addObject().put("type", "Hostname").put("address", facts.name());
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        ObjectNode info = status.putObject("nodeInfo");
        info.put("machineID", facts.machineId());
        info.put("systemUUID", facts.machineId());
        info.put("bootID", facts.bootId());
        info.put("kernelVersion", facts.kernelVersion());
        info.put("osImage", facts.osImage());
        info.put("containerRuntimeVersion", "skiff://" + NodeFacts.VERSION);
        info.put("kubeletVersion", "v1.32.0");
        info.put("kubeProxyVersion", "v1.32.0");
        info.put("operatingSystem", "linux");
        info.put("architecture", facts.architecture());
        return status;
    }

    private static void condition(ArrayNode conditions, String type, String status, String reason, String message,
                                  String now) {
        conditions.addObject().put("type", type).put("status", status).put("lastHeartbeatTime", now)
                .put("lastTransitionTime", now).put("reason", reason).put("message", message);
    }

    private void heartbeatQuietly() {
        try {
            String now = Timestamps.now(registry.clock());
            registry.guaranteedUpdate(nodes, null, facts.name(), self, Subresource.STATUS, current -> {
                for (var c : current.path("status").path("conditions")) {
                    ((ObjectNode) c).put("lastHeartbeatTime", now);
                }
                return current;
            });
        } catch (RuntimeException e) {
            log.debug("node heartbeat failed", e);
        }
    }

    private void renewLeaseQuietly() {
        try {
            renewLease();
        } catch (RuntimeException e) {
            log.debug("renewing the node lease failed", e);
        }
    }

    private void renewLease() {
        String now = Timestamps.nowMicros(registry.clock());
        try {
            registry.guaranteedUpdate(leases, "kube-node-lease", facts.name(), self, Subresource.NONE, lease -> {
                ((ObjectNode) lease.path("spec")).put("renewTime", now);
                return lease;
            });
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            ObjectNode lease = Json.object();
            lease.put("apiVersion", "coordination.k8s.io/v1");
            lease.put("kind", "Lease");
            ObjectNode meta = lease.putObject("metadata");
            meta.put("name", facts.name());
            meta.put("namespace", "kube-node-lease");
            ObjectNode spec = lease.putObject("spec");
            spec.put("holderIdentity", facts.name());
            spec.put("leaseDurationSeconds", LEASE_DURATION.toSeconds());
            spec.put("renewTime", now);
            registry.create(leases, "kube-node-lease", lease, self);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
