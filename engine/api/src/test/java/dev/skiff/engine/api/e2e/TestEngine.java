package dev.skiff.engine.api.e2e;

import dev.skiff.engine.api.ApiServer;
import dev.skiff.engine.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** A running engine on a free port and a fresh data directory, for one test class. */
public final class TestEngine implements AutoCloseable {
    private final Path dir;
    private final ApiServer server;

    private TestEngine(Path dir, ApiServer server) {
        this.dir = dir;
        this.server = server;
    }

    public static TestEngine start() {
        return start(StoreOptions.defaults(), Duration.ofSeconds(60));
    }

    public static TestEngine start(StoreOptions storeOptions, Duration bookmarkInterval) {
        try {
            Path dir = Files.createTempDirectory("skiff-test-");
            ApiServer server = new ApiServer(new ApiServer.Config(dir.resolve("data"), 0, storeOptions,
                    bookmarkInterval)).start();
            return new TestEngine(dir, server);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public ApiServer server() {
        return server;
    }

    public Path kubeconfig() {
        return server.kubeconfig();
    }

    public Kubectl kubectl() {
        return new Kubectl(server.kubeconfig(), dir.resolve("home"));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
