package dev.skiff.engine.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.store.Store;
import dev.skiff.engine.store.StoreOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A real fabric8 informer (WebSocket watch first, as fabric8 does) against the engine. */
@Tag("e2e")
class Fabric8InformerTest {

    static KubernetesClient client(TestEngine engine) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(engine.kubeconfig()));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static final class Recorder implements ResourceEventHandler<ConfigMap> {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onAdd(ConfigMap obj) {
            events.add("add " + obj.getMetadata().getName());
        }

        @Override
        public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
                events.add("update " + newObj.getMetadata().getName() + " " + newObj.getData().get("k"));
            }
        }

        @Override
        public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            events.add("delete " + obj.getMetadata().getName());
        }
    }

    @Test
    void anInformerSeesEveryAddUpdateAndDelete() throws Exception {
        try (TestEngine engine = TestEngine.start(); KubernetesClient client = client(engine)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("inf").endMetadata()
                    .build()).create();
            client.configMaps().inNamespace("inf").resource(cm("before", "0")).create();
            Recorder recorder = new Recorder();
            SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("inf").inform(recorder);
            try {
                Eventually.waitFor(() -> recorder.events.contains("add before"));
                client.configMaps().inNamespace("inf").resource(cm("a", "1")).create();
                client.configMaps().inNamespace("inf").withName("a").edit(c -> {
                    c.getData().put("k", "2");
                    return c;
                });
                client.configMaps().inNamespace("inf").withName("a").delete();
                Eventually.waitFor(() -> recorder.events.contains("delete a"));
                assertThat(recorder.events).containsExactly("add before", "add a", "update a 2", "delete a");
            } finally {
                informer.close();
            }
        }
    }

    @Test
    void anInformerRecoversByItselfAfterA410Expired() throws Exception {
        try (TestEngine engine = TestEngine.start(new StoreOptions(50, 10), Duration.ofSeconds(60));
             KubernetesClient client = client(engine)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("gone").endMetadata()
                    .build()).create();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("noise").endMetadata()
                    .build()).create();
            client.configMaps().inNamespace("gone").resource(cm("first", "1")).create();
            Recorder recorder = new Recorder();
            SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("gone").inform(recorder);
            try {
                Eventually.waitFor(() -> recorder.events.contains("add first"));
                engine.stop();
                // while the server is down, history moves far past what the informer last saw
                try (Store store = Store.open(engine.dataDir().resolve("store.db"), new StoreOptions(50, 10))) {
                    for (int i = 0; i < 120; i++) {
                        int n = i;
                        store.create("/core/configmaps/noise/n" + n, rev -> ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                + "\"metadata\":{\"name\":\"n" + n + "\",\"namespace\":\"noise\",\"resourceVersion\":\""
                                + rev + "\",\"uid\":\"u" + n + "\"}}").getBytes());
                    }
                    store.create("/core/configmaps/gone/while-down", rev -> ("{\"apiVersion\":\"v1\",\"kind\":"
                            + "\"ConfigMap\",\"metadata\":{\"name\":\"while-down\",\"namespace\":\"gone\","
                            + "\"resourceVersion\":\"" + rev + "\",\"uid\":\"w1\"},\"data\":{\"k\":\"x\"}}").getBytes());
                }
                engine.startAgain();
                Eventually.waitFor(() -> recorder.events.contains("add while-down"));
                assertThat(informer.getStore().list()).extracting(c -> c.getMetadata().getName())
                        .containsExactlyInAnyOrder("first", "while-down");
            } finally {
                informer.close();
            }
        }
    }

    static ConfigMap cm(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", value).build();
    }
}
