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
    private final StoreOptions storeOptions;
    private final Duration bookmarkInterval;
    private ApiServer server;

    private TestEngine(Path dir, ApiServer server, StoreOptions storeOptions, Duration bookmarkInterval) {
        this.dir = dir;
        this.server = server;
        this.storeOptions = storeOptions;
        this.bookmarkInterval = bookmarkInterval;
    }

    public static TestEngine start() {
        return start(StoreOptions.defaults(), Duration.ofSeconds(60));
    }

    public static TestEngine start(StoreOptions storeOptions, Duration bookmarkInterval) {
        try {
            Path dir = Files.createTempDirectory("skiff-test-");
            ApiServer server = new ApiServer(new ApiServer.Config(dir.resolve("data"), 0, storeOptions,
                    bookmarkInterval)).start();
            return new TestEngine(dir, server, storeOptions, bookmarkInterval);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops the API server (clients see their connections drop). */
    public void stop() {
        server.close();
    }

    /** Starts the API server again on the same data directory and port, as `skiff up` after a stop. */
    public void startAgain() {
        int port = java.net.URI.create(server.url()).getPort();
        server = new ApiServer(new ApiServer.Config(dir.resolve("data"), port, storeOptions, bookmarkInterval)).start();
    }

    public Path dataDir() {
        return dir.resolve("data");
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
        try {
            server.close();
        } catch (RuntimeException alreadyClosed) {
            // stop() may have closed it
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
