package dev.skiff.engine.api.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkQueueTest {

    @Test
    void aKeyAddedManyTimesWaitsInTheQueueOnce() throws Exception {
        WorkQueue q = new WorkQueue();
        q.add("a");
        q.add("b");
        q.add("a");
        assertThat(q.length()).isEqualTo(2);
        assertThat(q.take()).isEqualTo("a");
        assertThat(q.take()).isEqualTo("b");
    }

    @Test
    void aKeyAddedWhileBeingProcessedIsQueuedAgainOnlyWhenDone() throws Exception {
        WorkQueue q = new WorkQueue();
        q.add("a");
        String key = q.take();
        q.add("a");
        assertThat(q.length()).as("not handed to a second worker meanwhile").isZero();
        q.done(key);
        assertThat(q.length()).isEqualTo(1);
        assertThat(q.take()).isEqualTo("a");
    }

    @Test
    void aFailedKeyComesBackAfterItsBackOff() throws Exception {
        WorkQueue q = new WorkQueue();
        q.add("a");
        String key = q.take();
        q.retryLater(key);
        q.done(key);
        assertThat(q.take()).isEqualTo("a");
        q.shutDown();
        assertThat(q.take()).isNull();
    }
}
