package dev.skiff.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A child process for {@link KillNineTest}: writes from 8 threads and prints each acknowledged write. */
public final class StoreLoadWriter {
    public static void main(String[] args) throws Exception {
        Store store = Store.open(Path.of(args[0]), StoreOptions.defaults());
        AtomicInteger counter = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            Thread.ofPlatform().start(() -> {
                while (true) {
                    String key = "/cm/" + args[1] + "/o" + counter.incrementAndGet();
                    StoredObject o = store.create(key, rev -> ("payload-" + rev + "-" + "x".repeat(200)).getBytes(UTF_8));
                    synchronized (System.out) {
                        System.out.println(key + " " + o.revision());
                        System.out.flush();
                    }
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
