package dev.skiff.engine.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.control.ControllerLoop;
import dev.skiff.engine.api.control.EventFeed;
import dev.skiff.engine.api.control.WorkQueue;
import dev.skiff.engine.api.events.EventRecorder;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.node.cgroups.Cgroups;
import dev.skiff.engine.node.env.NodeAllocatable;
import dev.skiff.engine.node.env.ObjectLookup;
import dev.skiff.engine.node.images.ImageStore;
import dev.skiff.engine.node.probes.Prober;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent (Skiff's kubelet): registers the Node, runs every pod bound to it as local processes through
 * one {@link PodRuntime} each, keeps their volumes in step with their ConfigMaps and Secrets, and on stop leaves
 * no process behind. After a crash it first stops whatever the previous run left alive, so no container ever
 * runs twice.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

    private final GenericRegistry registry;
    private final ResourceRegistry resources;
    private final ResourceType pods;
    private final ResourceType configMaps;
    private final ResourceType secrets;
    private final Path dataDir;
    private final Cgroups cgroups;
    private final NodeFacts facts;
    private final WorkQueue queue = new WorkQueue();
    private final Map<String, PodRuntime> runtimes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().name("node-probes-", 0).factory());
    private final AgentContext ctx;
    private NodeRegistration registration;
    private EventFeed feed;
    private ControllerLoop loop;
    private volatile boolean closed;

    public NodeAgent(GenericRegistry registry, ResourceRegistry resources, Path dataDir) {
        this.registry = registry;
        this.resources = resources;
        this.pods = resources.byKind("", "Pod").orElseThrow();
        this.configMaps = resources.byKind("", "ConfigMap").orElseThrow();
        this.secrets = resources.byKind("", "Secret").orElseThrow();
        this.dataDir = dataDir;
        this.cgroups = Cgroups.detect(cgroupRoot(dataDir));
        this.facts = NodeFacts.of(dataDir, cgroups.version(),
                cgroups.available() ? null : cgroups.unavailableReason());
        ObjectLookup lookup = new StoreObjectLookup(registry, configMaps, secrets);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ResourceType services = resources.byKind("", "Service").orElseThrow();
        ContainerLauncher launcher = new ContainerLauncher(new ImageStore(dataDir), java, lookup,
                new NodeAllocatable(facts.cpus() * 1000, facts.memoryBytes()),
                () -> registry.store().list(services.keyPrefix(), null, 0, o -> true).items().stream()
                        .map(o -> (com.fasterxml.jackson.databind.JsonNode) Json.parseStored(o.value())).toList());
        this.ctx = new AgentContext(registry, pods, RequestContext.system("system:node:" + facts.name()),
                new EventRecorder(registry, resources, "kubelet"), launcher, cgroups, new PodAddresses(),
                new Prober(), timer, new RestartBackoff(registry.clock()), lookup, dataDir.resolve("pods"),
                dataDir.resolve("logs"), this::resync, new java.util.concurrent.atomic.AtomicReference<>(PodStopGate.NONE));
    }

    /**
     * Each engine's pods live under their own cgroup, named after its data directory, so that starting one
     * engine never touches the pods of another on the same machine.
     */
    static String cgroupRoot(Path dataDir) {
        String path = dataDir.toAbsolutePath().normalize().toString();
        return "skiff/" + Integer.toHexString(path.hashCode());
    }

    /** Points ClusterFirst pods' resolvers at cluster DNS (from the next container started). */
    public void useClusterDns(java.net.InetSocketAddress address) {
        ctx.launcher().useClusterDns(address);
    }

    /** Called before a deleted pod's containers get their preStop hooks and SIGTERM. */
    public void usePodStopGate(PodStopGate gate) {
        ctx.stopGate().set(gate);
    }

    public String nodeName() {
        return facts.name();
    }

    /** Whether CPU and memory limits are enforced; when not, {@link #resourceLimitsNote()} says why. */
    public boolean enforcesResourceLimits() {
        return cgroups.available();
    }

    public String resourceLimitsNote() {
        return cgroups.available() ? "cgroup " + cgroups.version() : cgroups.unavailableReason();
    }

    public NodeAgent start() {
        stopSurvivors();
        registration = new NodeRegistration(registry, resources, facts).start();
        var existing = registry.store().list(pods.keyPrefix(), null, 0, o -> true);
        for (StoredObject o : existing.items()) {
            ObjectNode pod = Json.parseStored(o.value());
            if (onThisNode(pod)) {
                queue.add(keyOf(pod));
            }
        }
        feed = EventFeed.start("node-agent", registry.store(), existing.revision(),
                List.of(pods.keyPrefix(), configMaps.keyPrefix(), secrets.keyPrefix()), this::route);
        loop = new ControllerLoop("node-agent", queue, this::reconcile).start(4);
        return this;
    }

    /** Stops every process a previous run of the engine left alive (killed before it could stop them). */
    private void stopSurvivors() {
        List<ProcessHandle> survivors = PodStateFile.survivors(ctx.podsDir());
        for (ProcessHandle p : survivors) {
            ProcessTree.kill(ProcessTree.of(p));
        }
        for (ProcessHandle p : survivors) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.warn("process {} of a previous run did not exit after SIGKILL", p.pid());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!survivors.isEmpty()) {
            log.info("stopped {} container processes left by the previous run; their pods start again",
                    survivors.size());
        }
        if (cgroups.available()) {
            cgroups.removeStale(Set.of());
        }
    }

    private void route(WatchEvent e) {
        if (e.key().startsWith(pods.keyPrefix())) {
            ObjectNode pod = Json.parseStored(e.type() == WatchEvent.Type.DELETED && e.previous() != null
                    ? e.previous() : e.value());
            if (onThisNode(pod) || runtimes.containsKey(keyOf(pod))) {
                queue.add(keyOf(pod));
            }
            return;
        }
        // a ConfigMap or Secret changed: the pods of its namespace that use it refresh their volumes
        ObjectNode object = Json.parseStored(e.type() == WatchEvent.Type.DELETED && e.previous() != null
                ? e.previous() : e.value());
        String namespace = Json.text(object, "metadata.namespace");
        for (PodRuntime runtime : runtimes.values()) {
            if (runtime.namespace.equals(namespace)) {
                Thread.ofVirtual().start(runtime::refreshVolumes);
            }
        }
    }

    private boolean onThisNode(ObjectNode pod) {
        return facts.name().equals(pod.path("spec").path("nodeName").asText());
    }

    private static String keyOf(ObjectNode pod) {
        return Json.text(pod, "metadata.namespace") + "/" + Json.text(pod, "metadata.name");
    }

    private void resync(String key, Duration delay) {
        if (delay.isZero()) {
            queue.add(key);
        } else {
            queue.addAfter(key, delay);
        }
    }

    private void reconcile(String key) {
        if (closed) {
            return;
        }
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Optional<StoredObject> stored = registry.find(pods, namespace, name);
        PodRuntime runtime = runtimes.get(key);
        ObjectNode pod = stored.map(o -> Json.parseStored(o.value())).filter(this::onThisNode).orElse(null);
        if (runtime != null && (pod == null || !runtime.uid.equals(Json.text(pod, "metadata.uid")))) {
            runtimes.remove(key, runtime);
            runtime.killNow(true); // deleted without grace, or replaced by a new pod of the same name
            runtime = null;
        }
        if (pod == null) {
            return;
        }
        if (runtime == null) {
            if (isTerminal(pod)) {
                return;
            }
            runtime = new PodRuntime(pod, ctx);
            runtimes.put(key, runtime);
        }
        runtime.sync(pod);
        if (runtime.removed()) {
            runtimes.remove(key, runtime);
        }
    }

    private static boolean isTerminal(ObjectNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return (phase.equals("Succeeded") || phase.equals("Failed")) && !pod.path("metadata").has("deletionTimestamp");
    }

    /** The runtime of a pod by its uid, for logs and metrics. */
    Optional<PodRuntime> runtime(String namespace, String name, String uid) {
        PodRuntime r = runtimes.get(namespace + "/" + name);
        return r != null && r.uid.equals(uid) ? Optional.of(r) : Optional.empty();
    }

    List<PodRuntime> runtimes() {
        return new ArrayList<>(runtimes.values());
    }

    /** Stops every container (SIGTERM, then SIGKILL after two seconds) without touching the stored pods. */
    @Override
    public void close() {
        closed = true;
        if (loop != null) {
            loop.close();
        }
        if (feed != null) {
            feed.close();
        }
        if (registration != null) {
            registration.close();
        }
        List<Thread> stops = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PodRuntime r : runtimes.values()) {
            if (seen.add(r.uid)) {
                stops.add(Thread.ofVirtual().start(() -> r.killNow(false)));
            }
        }
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cgroups.available()) {
            cgroups.remove(); // the containers are stopped; the next start makes their cgroups again
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
