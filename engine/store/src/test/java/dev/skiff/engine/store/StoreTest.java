package dev.skiff.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("store.db"), new StoreOptions(100, 10));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] value(String s, long rev) {
        return (s + "@" + rev).getBytes(UTF_8);
    }

    @Test
    void everyWriteAdvancesTheGlobalRevisionAndTheValueCarriesIt() {
        StoredObject a = store.create("/cm/default/a", rev -> value("a", rev));
        StoredObject b = store.create("/cm/default/b", rev -> value("b", rev));
        StoredObject a2 = store.update("/cm/default/a", a.revision(), rev -> value("a2", rev));

        assertThat(b.revision()).isEqualTo(a.revision() + 1);
        assertThat(a2.revision()).isEqualTo(b.revision() + 1);
        assertThat(new String(a2.value(), UTF_8)).isEqualTo("a2@" + a2.revision());
        assertThat(store.currentRevision()).isEqualTo(a2.revision());
    }

    @Test
    void createOfATakenKeyIsRefused() {
        store.create("/cm/default/a", rev -> value("a", rev));
        assertThatThrownBy(() -> store.create("/cm/default/a", rev -> value("a", rev)))
                .isInstanceOf(StoreException.KeyExists.class);
    }

    @Test
    void updateWithAStaleRevisionConflictsAndChangesNothing() {
        StoredObject a = store.create("/cm/default/a", rev -> value("a", rev));
        store.update("/cm/default/a", a.revision(), rev -> value("a2", rev));

        assertThatThrownBy(() -> store.update("/cm/default/a", a.revision(), rev -> value("a3", rev)))
                .isInstanceOf(StoreException.RevisionConflict.class);
        assertThat(new String(store.get("/cm/default/a").orElseThrow().value(), UTF_8)).startsWith("a2@");
    }

    @Test
    void updateAndDeleteOfAMissingKeyAreRefused() {
        assertThatThrownBy(() -> store.update("/cm/default/x", 0, rev -> value("x", rev)))
                .isInstanceOf(StoreException.KeyNotFound.class);
        assertThatThrownBy(() -> store.delete("/cm/default/x", 0, rev -> value("x", rev)))
                .isInstanceOf(StoreException.KeyNotFound.class);
    }

    @Test
    void aFailingEncoderFailsOnlyItsOwnWrite() {
        assertThatThrownBy(() -> store.create("/cm/default/bad", rev -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        StoredObject ok = store.create("/cm/default/ok", rev -> value("ok", rev));
        assertThat(store.get("/cm/default/bad")).isEmpty();
        assertThat(ok.revision()).isEqualTo(1);
    }

    @Test
    void listReturnsObjectsUnderThePrefixInKeyOrderWithPaging() {
        for (String n : List.of("c", "a", "b")) {
            store.create("/cm/default/" + n, rev -> value(n, rev));
        }
        store.create("/cm/other/z", rev -> value("z", rev));

        ListResult first = store.list("/cm/default/", null, 2, o -> true);
        assertThat(first.items()).extracting(StoredObject::key).containsExactly("/cm/default/a", "/cm/default/b");
        assertThat(first.more()).isTrue();
        ListResult rest = store.list("/cm/default/", "/cm/default/b", 2, o -> true);
        assertThat(rest.items()).extracting(StoredObject::key).containsExactly("/cm/default/c");
        assertThat(rest.more()).isFalse();
        assertThat(first.revision()).isEqualTo(4);
    }

    @Test
    void watchFromARevisionDeliversExactlyTheLaterChangesThenNewOnes() throws Exception {
        StoredObject a = store.create("/cm/default/a", rev -> value("a", rev));
        store.update("/cm/default/a", 0, rev -> value("a2", rev));
        store.create("/other/default/x", rev -> value("x", rev));
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();

        try (AutoCloseable w = store.watch("/cm/", a.revision(), seen::add)) {
            store.delete("/cm/default/a", 0, rev -> value("gone", rev));
        }
        store.create("/cm/default/after-close", rev -> value("n", rev));

        assertThat(seen).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
        assertThat(seen.get(1).revision()).isEqualTo(store.currentRevision() - 1);
    }

    @Test
    void watchFromACompactedRevisionIsRefused() {
        for (int i = 0; i < 150; i++) {
            int n = i;
            store.create("/cm/default/o" + n, rev -> value("o", rev));
        }
        assertThatThrownBy(() -> store.watch("/cm/", 10, e -> { }))
                .isInstanceOf(StoreException.RevisionCompacted.class)
                .hasMessageContaining("too old resource version: 10");
        assertThat(store.oldestWatchableRevision()).isEqualTo(50);
    }

    @Test
    void everythingIsThereAfterReopeningIncludingWatchHistory() throws Exception {
        StoredObject a = store.create("/cm/default/a", rev -> value("a", rev));
        store.create("/cm/default/b", rev -> value("b", rev));
        store.delete("/cm/default/b", 0, rev -> value("b", rev));
        long before = store.currentRevision();
        store.close();

        store = Store.open(dir.resolve("store.db"), new StoreOptions(100, 10));
        assertThat(store.currentRevision()).isEqualTo(before);
        assertThat(store.get("/cm/default/a").orElseThrow().revision()).isEqualTo(a.revision());
        assertThat(store.get("/cm/default/b")).isEmpty();
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        store.watch("/cm/", a.revision(), seen::add).close();
        assertThat(seen).extracting(WatchEvent::type)
                .containsExactly(WatchEvent.Type.ADDED, WatchEvent.Type.DELETED);
        StoredObject next = store.create("/cm/default/c", rev -> value("c", rev));
        assertThat(next.revision()).isEqualTo(before + 1);
    }
}
