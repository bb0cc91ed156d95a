package dev.skiff.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.admission.AdmissionChain;
import dev.skiff.engine.api.admission.RegistryAdmission;
import dev.skiff.engine.api.services.ServiceAllocation;
import dev.skiff.engine.api.apply.ManagedFields;
import dev.skiff.engine.api.customresources.CustomResourceRules;
import dev.skiff.engine.api.customresources.CustomResourceServing;
import dev.skiff.engine.api.http.ApiHandler;
import dev.skiff.engine.api.http.ManagedFieldsTracker;
import dev.skiff.engine.api.http.Endpoints;
import dev.skiff.engine.api.node.PodLogs;
import dev.skiff.engine.api.node.ResourceMetrics;
import dev.skiff.engine.api.registry.GenericRegistry;
import dev.skiff.engine.api.registry.NamespaceTermination;
import dev.skiff.engine.api.registry.RequestContext;
import dev.skiff.engine.api.resource.ResourceRegistry;
import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.authz.BootstrapPolicy;
import dev.skiff.engine.api.security.AdminToken;
import dev.skiff.engine.api.security.ServiceAccountTokens;
import dev.skiff.engine.api.security.Kubeconfig;
import dev.skiff.engine.api.security.TlsMaterial;
import dev.skiff.engine.api.status.ApiException;
import dev.skiff.engine.store.Store;
import dev.skiff.engine.store.StoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's Kubernetes API server on one data directory: opens the store, makes the CA, serving
 * certificate and admin token on first start, serves HTTPS on 127.0.0.1 and writes the kubeconfig.
 */
public final class ApiServer implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiServer.class);
    /** Namespaces every cluster has from the start. */
    public static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    private final Config config;
    private Vertx vertx;
    private HttpServer server;
    private Store store;
    private GenericRegistry registry;
    private ResourceRegistry resources;
    private Path kubeconfig;
    private TlsMaterial tls;
    private CustomResourceServing customResources;
    private String url;
    private volatile PodLogs podLogs = PodLogs.NONE;
    private volatile ResourceMetrics resourceMetrics = ResourceMetrics.NONE;

    /**
     * Settings of one API server.
     *
     * @param dataDir where the store, certificates, token and kubeconfig live
     * @param port the HTTPS port on 127.0.0.1; 0 picks a free one
     * @param storeOptions the store's history and compaction settings
     * @param bookmarkInterval how often watches that allow bookmarks get one
     */
    public record Config(Path dataDir, int port, StoreOptions storeOptions, Duration bookmarkInterval) {
        public static Config of(Path dataDir, int port) {
            return new Config(dataDir, port, StoreOptions.defaults(), Duration.ofSeconds(60));
        }
    }

    public ApiServer(Config config) {
        this.config = config;
    }

    /** Starts serving; returns once the API answers. */
    public ApiServer start() {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        long started = System.nanoTime();
        tls = TlsMaterial.loadOrCreate(config.dataDir());
        AdminToken token = AdminToken.loadOrCreate(config.dataDir());
        ServiceAccountTokens serviceAccountTokens = ServiceAccountTokens.loadOrCreate(config.dataDir());
        // The event loops and the TLS listener take a few hundred ms to come up: start them while the store
        // loads. Until the API is wired, the listener answers 503.
        AtomicReference<ApiHandler> handler = new AtomicReference<>();
        CompletableFuture<HttpServer> listening = CompletableFuture.supplyAsync(() -> listen(tls, handler),
                r -> Thread.ofPlatform().name("skiff-listen").start(r));
        store = Store.open(config.dataDir().resolve("store.db"), config.storeOptions());
        log.debug("store with revision {} opened after {} ms", store.currentRevision(),
                (System.nanoTime() - started) / 1_000_000);
        resources = ResourceRegistry.builtIn();
        ManagedFields managedFields = new ManagedFields();
        registry = new GenericRegistry(store, Clock.systemUTC(), new ManagedFieldsTracker(managedFields));
        // built-in admission first (Service IPs and node ports), then the webhooks
        registry.useAdmission(new AdmissionChain(List.of(new ServiceAllocation(store, registry.clock()),
                new RegistryAdmission(store))));
        createInitialNamespaces();
        createBootstrapPolicy();
        NamespaceTermination namespaces = new NamespaceTermination(registry, resources);
        namespaces.resumeAll();
        customResources = new CustomResourceServing(registry, resources).start();
        registry.useSchemaRules(new CustomResourceRules(customResources));
        Endpoints endpoints = new Endpoints(registry, resources, namespaces, managedFields, serviceAccountTokens,
                customResources, config.bookmarkInterval(), () -> podLogs, () -> resourceMetrics);
        log.debug("initial objects checked after {} ms", (System.nanoTime() - started) / 1_000_000);
        server = listening.join();
        handler.set(new ApiHandler(vertx, resources, token, serviceAccountTokens, endpoints,
                () -> "127.0.0.1:" + server.actualPort()));
        url = "https://127.0.0.1:" + server.actualPort();
        log.debug("serving at {} after {} ms", url, (System.nanoTime() - started) / 1_000_000);
        kubeconfig = Kubeconfig.write(config.dataDir().resolve("kubeconfig"), url, tls.caPem(), token.value());
        return this;
    }

    private HttpServer listen(TlsMaterial tls, AtomicReference<ApiHandler> handler) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(config.port())
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(tls.serverCert().toString())
                        .setKeyPath(tls.serverKey().toString()))
                .setMaxWebSocketMessageSize(4 * 1024 * 1024)
                .setCompressionSupported(false);
        HttpServer httpServer = vertx.createHttpServer(options).requestHandler(request -> {
            ApiHandler ready = handler.get();
            if (ready != null) {
                ready.handle(request);
            } else {
                request.response().setStatusCode(503).putHeader("Retry-After", "1").end("starting");
            }
        });
        return await(httpServer.listen());
    }

    private void createInitialNamespaces() {
        ResourceType nsType = resources.byKind("", "Namespace").orElseThrow();
        for (String name : INITIAL_NAMESPACES) {
            if (registry.find(nsType, null, name).isPresent()) {
                continue;
            }
            ObjectNode ns = Json.object();
            ns.put("apiVersion", "v1");
            ns.put("kind", "Namespace");
            Json.metadata(ns).put("name", name);
            Json.child(Json.metadata(ns), "labels").put("kubernetes.io/metadata.name", name);
            try {
                registry.create(nsType, null, ns, RequestContext.system("apiserver"));
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    /** The default ClusterRoles and bindings every cluster starts with (cluster-admin, view, discovery...). */
    private void createBootstrapPolicy() {
        ResourceType clusterRoles = resources.byKind("rbac.authorization.k8s.io", "ClusterRole").orElseThrow();
        ResourceType bindings = resources.byKind("rbac.authorization.k8s.io", "ClusterRoleBinding").orElseThrow();
        createIfAbsent(clusterRoles, BootstrapPolicy.clusterRoles());
        createIfAbsent(bindings, BootstrapPolicy.clusterRoleBindings());
    }

    private void createIfAbsent(ResourceType type, List<ObjectNode> objects) {
        for (ObjectNode object : objects) {
            if (registry.find(type, null, Json.text(object, "metadata.name")).isEmpty()) {
                registry.create(type, null, object.deepCopy(), RequestContext.system("apiserver"));
            }
        }
    }

    /**
     * Where {@code pods/log} reads from: the node agent. Takes effect at once, before or after {@link #start()};
     * until then a log request is answered with a 400 that says no node agent runs.
     */
    public void usePodLogs(PodLogs source) {
        this.podLogs = java.util.Objects.requireNonNull(source, "source");
    }

    /**
     * Where {@code metrics.k8s.io} (what {@code kubectl top} reads) takes its samples from: the node agent. Takes
     * effect at once, before or after {@link #start()}; until then there are no samples.
     */
    public void useResourceMetrics(ResourceMetrics source) {
        this.resourceMetrics = java.util.Objects.requireNonNull(source, "source");
    }

    /** The cluster CA certificate (PEM), as clients and pods need it to trust the API server. */
    public String caCertificatePem() {
        return tls.caPem();
    }

    public String url() {
        return url;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Store store() {
        return store;
    }

    public GenericRegistry registry() {
        return registry;
    }

    public ResourceRegistry resources() {
        return resources;
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (customResources != null) {
            customResources.close();
        }
        if (server != null) {
            await(server.close());
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (store != null) {
            store.close();
        }
    }
}
