package dev.skiff.engine.node.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.api.node.LogOptions;
import dev.skiff.engine.api.status.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLogsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T18:00:01.123456789Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void showsWhatBothStreamsWroteInOrder() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.pump(input("hello\nworld\n"), "stdout");
            writer.pump(input("oops\n"), "stderr");
        }

        assertThat(read(logs, 0, options())).isEqualTo("hello\nworld\noops\n");
    }

    @Test
    void storesLinesAsCriRecords() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.pump(input("hello\n"), "stdout");
            writer.append("stderr", "pulled image");
        }

        assertThat(Files.readString(dir.resolve("app/0.log"))).isEqualTo("""
                2026-11-23T18:00:01.123456789Z stdout F hello
                2026-11-23T18:00:01.123456789Z stderr F pulled image
                """);
    }

    @Test
    void timestampsPrefixEachLineWithItsTimeAndASpace() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.append("stdout", "hello");
            clock.set(Instant.parse("2026-11-23T18:00:02.000000005Z"));
            writer.append("stdout", "later");
        }

        assertThat(read(logs, 0, options().timestamps())).isEqualTo("""
                2026-11-23T18:00:01.123456789Z hello
                2026-11-23T18:00:02.000000005Z later
                """);
    }

    @Test
    void tailLinesCountsOverRotatedFiles() throws IOException {
        ContainerLogs logs = logs(200, 20);
        try (LogWriter writer = logs.open("app", 0)) {
            for (int i = 1; i <= 30; i++) {
                writer.append("stdout", "line-" + i);
            }
        }

        assertThat(dir.resolve("app/0.log.2")).exists();
        assertThat(read(logs, 0, options().tail(7))).isEqualTo(lines(24, 30));
        assertThat(read(logs, 0, options().tail(100))).isEqualTo(lines(1, 30));
        assertThat(read(logs, 0, options().tail(0))).isEmpty();
    }

    @Test
    void sinceShowsOnlyLinesStampedAtOrAfterIt() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.append("stdout", "old");
            clock.set(T0.plusSeconds(10));
            writer.append("stdout", "new");
            clock.set(T0.plusSeconds(11));
            writer.append("stdout", "newer");
        }

        assertThat(read(logs, 0, options().since(T0.plusSeconds(10)))).isEqualTo("new\nnewer\n");
        assertThat(read(logs, 0, options().since(T0.plusSeconds(10)).tail(1))).isEqualTo("newer\n");
    }

    @Test
    void limitBytesCutsTheOutputShort() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.pump(input("hello\nworld\n"), "stdout");
        }

        assertThat(read(logs, 0, options().limit(8))).isEqualTo("hello\nwo");
        assertThat(read(logs, 0, options().timestamps().limit(35)))
                .isEqualTo("2026-11-23T18:00:01.123456789Z hell");
    }

    @Test
    void previousShowsTheInstanceBeforeTheCurrentOne() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.append("stdout", "first run");
        }
        try (LogWriter writer = logs.open("app", 1)) {
            writer.append("stdout", "second run");
        }

        assertThat(read(logs, 1, options().previous())).isEqualTo("first run\n");
        assertThat(read(logs, 1, options())).isEqualTo("second run\n");
    }

    @Test
    void previousOfTheFirstInstanceIsABadRequestInTheKubeletsWords() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        logs.open("app", 0).close();

        assertThatThrownBy(() -> read(logs, 0, options().previous()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("previous terminated container \"app\" in pod \"web\" not found");
    }

    @Test
    void containerThatNeverStartedIsWaitingToStart() {
        ContainerLogs logs = logs(1 << 20, 5);

        assertThatThrownBy(() -> read(logs, 0, options()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("container \"app\" in pod \"web\" is waiting to start: ContainerCreating");
    }

    @Test
    void instanceThatPrintedNothingHasAnEmptyLog() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        logs.open("app", 0).close();

        assertThat(read(logs, 0, options())).isEmpty();
    }

    @Test
    void longLinesAreSplitIntoPartialRecordsAndJoinedWhenRead() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        String longLine = "x".repeat(40_000);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.pump(input(longLine + "\nshort\n"), "stdout");
        }

        List<String> records = Files.readAllLines(dir.resolve("app/0.log"));
        assertThat(records).extracting(r -> r.substring(31, 39)).containsExactly(
                "stdout P", "stdout P", "stdout F", "stdout F");
        assertThat(records.get(0)).hasSize(40 + 16 * 1024);
        assertThat(read(logs, 0, options())).isEqualTo(longLine + "\nshort\n");
        assertThat(read(logs, 0, options().tail(2))).isEqualTo(longLine + "\nshort\n");
    }

    @Test
    void lastLineWithoutNewlineIsKeptAsPartialAndShownAsWritten() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.pump(input("line\ndone"), "stdout");
        }

        assertThat(Files.readString(dir.resolve("app/0.log"))).endsWith(" stdout P done\n");
        assertThat(read(logs, 0, options())).isEqualTo("line\ndone");
    }

    @Test
    void partsOfALineJoinEvenWhenTheOtherStreamWroteInBetween() throws IOException {
        // As left by an earlier agent: no writer in this process, only the file.
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/0.log"), """
                2026-11-23T18:00:01.000000000Z stdout P abc
                2026-11-23T18:00:02.000000000Z stderr F error
                2026-11-23T18:00:03.000000000Z stdout F def
                """);
        ContainerLogs logs = logs(1 << 20, 5);

        assertThat(read(logs, 0, options().timestamps())).isEqualTo("""
                2026-11-23T18:00:02.000000000Z error
                2026-11-23T18:00:01.000000000Z abcdef
                """);
    }

    @Test
    void rotationKeepsAtMostMaxFiles() throws IOException {
        ContainerLogs logs = logs(100, 3);
        try (LogWriter writer = logs.open("app", 0)) {
            for (int i = 1; i <= 50; i++) {
                writer.append("stdout", "line-" + i);
            }
        }

        try (Stream<Path> files = Files.list(dir.resolve("app"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("0.log", "0.log.1", "0.log.2");
        }
        String shown = read(logs, 0, options());
        assertThat(shown).endsWith("line-49\nline-50\n");
        int first = Integer.parseInt(shown.substring("line-".length(), shown.indexOf('\n')));
        assertThat(shown).isEqualTo(lines(first, 50));
    }

    @Test
    void openingAnInstanceDeletesThoseBeforeThePreviousOne() throws IOException {
        ContainerLogs logs = logs(100, 3);
        for (int restart = 0; restart <= 2; restart++) {
            try (LogWriter writer = logs.open("app", restart)) {
                for (int i = 1; i <= 10; i++) {
                    writer.append("stdout", "run " + restart + " line " + i);
                }
            }
        }

        try (Stream<Path> files = Files.list(dir.resolve("app"))) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(name -> !name.startsWith("0."))
                    .contains("1.log", "1.log.1", "2.log", "2.log.1");
        }
        assertThat(read(logs, 2, options().previous().tail(1))).isEqualTo("run 1 line 10\n");
        assertThatThrownBy(() -> read(logs, 1, options().previous()))
                .hasMessage("previous terminated container \"app\" in pod \"web\" not found");
    }

    @Test
    void openingAnOpenInstanceAgainGivesTheSameWriter() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            assertThat(logs.open("app", 0)).isSameAs(writer);
        }
    }

    @Test
    void deleteRemovesEveryLogAndStopsWriting() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        LogWriter writer = logs.open("app", 0);
        writer.append("stdout", "hello");
        logs.open("sidecar", 0).append("stdout", "hi");

        logs.delete();
        writer.append("stdout", "after the pod is gone");

        assertThat(dir).doesNotExist();
    }

    @Test
    void rejectsAStreamOtherThanStdoutOrStderr() throws IOException {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            assertThatThrownBy(() -> writer.append("stdin", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // Follow

    @Test
    void followShowsLinesAsTheyAreWrittenAndEndsWhenTheContainerStops() throws Exception {
        ContainerLogs logs = logs(1 << 20, 5);
        LogWriter writer = logs.open("app", 0);
        writer.append("stdout", "before");
        CollectingSink sink = new CollectingSink();
        Running running = new Running();
        Follower follower = Follower.start(() -> logs.stream("web", "app", 0, options().follow().build(), sink,
                running));

        assertThat(sink.nextLine()).isEqualTo("before");
        long written = System.nanoTime();
        writer.append("stdout", "after");
        assertThat(sink.nextLine()).isEqualTo("after");
        // A follower is woken by the write, not by its next poll.
        assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(Duration.ofSeconds(1));

        running.stop();
        writer.pump(input("last words\n"), "stderr");
        writer.close();
        follower.awaitEnd();
        assertThat(sink.text()).isEqualTo("before\nafter\nlast words\n");
    }

    @Test
    void followWithTailShowsOnlyTheLastLinesThenNewOnes() throws Exception {
        ContainerLogs logs = logs(1 << 20, 5);
        LogWriter writer = logs.open("app", 0);
        writer.append("stdout", "one\ntwo\nthree");
        CollectingSink sink = new CollectingSink();
        Running running = new Running();
        Follower follower = Follower.start(() -> logs.stream("web", "app", 0, options().follow().tail(1).build(),
                sink, running));

        assertThat(sink.nextLine()).isEqualTo("three");
        writer.append("stdout", "four");
        assertThat(sink.nextLine()).isEqualTo("four");
        running.stop();
        writer.close();
        follower.awaitEnd();
        assertThat(sink.text()).isEqualTo("three\nfour\n");
    }

    @Test
    void followEndsWhenTheClientGoes() throws Exception {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            CollectingSink sink = new CollectingSink().goneAfter(2);
            Follower follower = Follower.start(() -> logs.stream("web", "app", 0, options().follow().build(), sink,
                    () -> true));
            writer.append("stdout", "one");
            writer.append("stdout", "two");
            writer.append("stdout", "three");

            follower.awaitEnd();
            assertThat(sink.text()).startsWith("one\ntwo\n");
        }
    }

    @Test
    void followingThePreviousInstanceEndsAtItsLastLine() throws Exception {
        ContainerLogs logs = logs(1 << 20, 5);
        try (LogWriter writer = logs.open("app", 0)) {
            writer.append("stdout", "crashed");
        }
        try (LogWriter writer = logs.open("app", 1)) {
            CollectingSink sink = new CollectingSink();
            logs.stream("web", "app", 1, options().follow().previous().build(), sink, () -> true);
            assertThat(sink.text()).isEqualTo("crashed\n");
        }
    }

    @Test
    void followGoesOnAcrossRotation() throws Exception {
        ContainerLogs logs = logs(100, 2);
        LogWriter writer = logs.open("app", 0);
        CollectingSink sink = new CollectingSink();
        Running running = new Running();
        Follower follower = Follower.start(() -> logs.stream("web", "app", 0, options().follow().build(), sink,
                running));

        for (int i = 1; i <= 20; i++) {
            writer.append("stdout", "line-" + i);
            assertThat(sink.nextLine()).isEqualTo("line-" + i);
        }
        running.stop();
        writer.close();
        follower.awaitEnd();
        assertThat(dir.resolve("app/0.log.1")).exists();
        assertThat(sink.text()).isEqualTo(lines(1, 20));
    }

    @Test
    void followKeepsUpWithABurstOverManyRotations() throws Exception {
        ContainerLogs logs = logs(100, 1000);
        LogWriter writer = logs.open("app", 0);
        CollectingSink sink = new CollectingSink();
        Running running = new Running();
        Follower follower = Follower.start(() -> logs.stream("web", "app", 0, options().follow().build(), sink,
                running));

        StringBuilder burst = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            burst.append("line-").append(i).append('\n');
        }
        writer.pump(new ChunkedInputStream(burst.toString().getBytes(StandardCharsets.UTF_8), 7), "stdout");
        running.stop();
        writer.close();
        follower.awaitEnd();

        assertThat(sink.text()).isEqualTo(lines(1, 500));
    }

    // Concurrency

    @Test
    void linesOfStdoutAndStderrNeverInterleave() throws Exception {
        ContainerLogs logs = logs(1 << 20, 50);
        int count = 400;
        String out = output("out", 'o', count);
        String err = output("err", 'e', count);
        try (LogWriter writer = logs.open("app", 0)) {
            Thread stdout = Thread.ofVirtual().start(() -> writer.pump(
                    new ChunkedInputStream(out.getBytes(StandardCharsets.UTF_8), 613), "stdout"));
            Thread stderr = Thread.ofVirtual().start(() -> writer.pump(
                    new ChunkedInputStream(err.getBytes(StandardCharsets.UTF_8), 97), "stderr"));
            stdout.join();
            stderr.join();
        }

        try (Stream<Path> files = Files.list(dir.resolve("app"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readAllLines(file)).allMatch(record ->
                        record.matches("\\S{30} stdout [FP] [out\\-0-9o]*")
                                || record.matches("\\S{30} stderr [FP] [err\\-0-9e]*"));
            }
        }
        List<String> shown = read(logs, 0, options()).lines().toList();
        assertThat(shown.stream().filter(l -> l.startsWith("out")).toList()).isEqualTo(out.lines().toList());
        assertThat(shown.stream().filter(l -> l.startsWith("err")).toList()).isEqualTo(err.lines().toList());
        assertThat(shown).hasSize(2 * count);
    }

    /** Lines of growing length, some longer than a CRI record holds. */
    private static String output(String prefix, char fill, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int length = i % 50 == 0 ? 20_000 : i * 7 % 300;
            text.append(prefix).append('-').append(i).append('-').append(String.valueOf(fill).repeat(length))
                    .append('\n');
        }
        return text.toString();
    }

    // Helpers

    private ContainerLogs logs(long maxFileBytes, int maxFiles) {
        return new ContainerLogs(dir, maxFileBytes, maxFiles, clock);
    }

    private static String read(ContainerLogs logs, int restartCount, Options options) throws IOException {
        CollectingSink sink = new CollectingSink();
        logs.stream("web", "app", restartCount, options.build(), sink, () -> false);
        return sink.text();
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        IntStream.rangeClosed(from, to).forEach(i -> text.append("line-").append(i).append('\n'));
        return text.toString();
    }

    private static Options options() {
        return new Options(false, false, false, null, null, null);
    }

    private record Options(boolean following, boolean ofPrevious, boolean withTimestamps, Long tail, Long limit,
                           Instant since) {
        Options follow() {
            return new Options(true, ofPrevious, withTimestamps, tail, limit, since);
        }

        Options previous() {
            return new Options(following, true, withTimestamps, tail, limit, since);
        }

        Options timestamps() {
            return new Options(following, ofPrevious, true, tail, limit, since);
        }

        Options tail(long lines) {
            return new Options(following, ofPrevious, withTimestamps, lines, limit, since);
        }

        Options limit(long bytes) {
            return new Options(following, ofPrevious, withTimestamps, tail, bytes, since);
        }

        Options since(Instant time) {
            return new Options(following, ofPrevious, withTimestamps, tail, limit, time);
        }

        LogOptions build() {
            return new LogOptions("app", following, ofPrevious, withTimestamps, tail, limit, since);
        }
    }

    private static final class MutableClock implements InstantSource {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant time) {
            now = time;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class Running implements BooleanSupplier {
        private volatile boolean running = true;

        void stop() {
            running = false;
        }

        @Override
        public boolean getAsBoolean() {
            return running;
        }
    }
}
