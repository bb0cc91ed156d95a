package dev.skiff.engine.node;

import dev.skiff.engine.api.events.EventRecorder;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.node.cgroups.Cgroups;
import dev.skiff.engine.node.env.ObjectLookup;
import dev.skiff.engine.node.probes.Prober;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** The services every pod's runtime shares, owned by the {@link NodeAgent}. */
record AgentContext(GenericRegistry registry, ResourceType pods, RequestContext self, EventRecorder events,
                    ContainerLauncher launcher, Cgroups cgroups, PodAddresses addresses, Prober prober,
                    ScheduledExecutorService probeTimer, RestartBackoff backoff, ObjectLookup lookup, Path podsDir,
                    Path logsDir, Resync resync,
                    java.util.concurrent.atomic.AtomicReference<PodStopGate> stopGate) {

    Clock clock() {
        return registry.clock();
    }

    /** Asks the agent to look at a pod again, now or after a delay. */
    interface Resync {
        void after(String podKey, Duration delay);
    }
}
