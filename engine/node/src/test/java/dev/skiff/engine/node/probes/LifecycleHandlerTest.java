package dev.skiff.engine.node.probes;

import static dev.skiff.engine.node.probes.Fixtures.closedPort;
import static dev.skiff.engine.node.probes.Fixtures.json;
import static dev.skiff.engine.node.probes.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleHandlerTest {
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final String POD = "web-0_default(0b5c5a44-1111-2222-3333-444455556666)";

    @Test
    void execHandlerRunsTheCommand(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("started");
        LifecycleHandler.run(json("{'exec':{'command':['/bin/sh','-c','echo up > " + marker + "']}}"), target(), BUDGET);
        assertThat(Files.readString(marker)).isEqualTo("up\n");
    }

    @Test
    void execHandlerFailureCarriesTheKubeletsEventText() {
        HookFailedException e = catchThrowableOfType(HookFailedException.class, () -> LifecycleHandler.run(
                json("{'exec':{'command':['/bin/sh','-c','echo no config >&2; exit 2']}}"), target(), BUDGET));
        assertThat(e.budgetExceeded()).isFalse();
        assertThat(e.getMessage()).isEqualTo("command '/bin/sh -c echo no config >&2; exit 2' exited with 2: no config\n");
        assertThat(e.eventMessage("app", POD)).isEqualTo("Exec lifecycle hook ([/bin/sh -c echo no config >&2; exit 2])"
                + " for Container \"app\" in Pod \"" + POD + "\" failed - error: command '/bin/sh -c echo no config >&2;"
                + " exit 2' exited with 2: no config\n, message: \"no config\\n\"");
    }

    @Test
    void execHandlerOutlivingItsBudgetIsAbandoned() {
        HookFailedException e = catchThrowableOfType(HookFailedException.class, () -> LifecycleHandler.run(
                json("{'exec':{'command':['/bin/sh','-c','sleep 30']}}"), target(), Duration.ofMillis(200)));
        assertThat(e.budgetExceeded()).isTrue();
    }

    @Test
    void httpGetHandlerSucceedsWhateverTheStatus() throws Exception {
        try (TestServer server = TestServer.http()) {
            assertThatCode(() -> LifecycleHandler.run(
                    json("{'httpGet':{'path':'/fail','port':" + server.port() + "}}"), target(), BUDGET))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void httpGetHandlerIdentifiesItselfAsKubeLifecycle() throws Exception {
        AtomicReference<String> userAgent = new AtomicReference<>();
        try (TestServer server = TestServer.http()) {
            server.handle("/hook", x -> {
                userAgent.set(x.getRequestHeaders().getFirst("User-Agent"));
                TestServer.send(x, 200, "");
            });
            LifecycleHandler.run(json("{'httpGet':{'path':'/hook','port':" + server.port() + "}}"), target(), BUDGET);
        }
        assertThat(userAgent.get()).isEqualTo("kube-lifecycle/1.32");
    }

    @Test
    void httpGetHandlerFailsWhenNothingAnswers() {
        int port = closedPort();
        HookFailedException e = catchThrowableOfType(HookFailedException.class, () -> LifecycleHandler.run(
                json("{'httpGet':{'path':'/shutdown','port':" + port + "}}"), target(), BUDGET));
        assertThat(e.eventMessage("app", POD)).isEqualTo("HTTP lifecycle hook (/shutdown) for Container \"app\" in Pod \""
                + POD + "\" failed - error: Get \"http://127.0.0.1:" + port + "/shutdown\": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused");
    }

    @Test
    void httpsHandlerAnsweredInPlainHttpIsRetriedOverHttp() throws Exception {
        try (PlainHttpServer plain = new PlainHttpServer()) {
            LifecycleHandler.run(json("{'httpGet':{'scheme':'HTTPS','path':'/hook','port':" + plain.port() + "}}"),
                    target(), BUDGET);
            assertThat(plain.plainRequests.get()).isEqualTo(1);
        }
    }

    @Test
    void sleepHandlerWaitsTheGivenSeconds() throws Exception {
        long started = System.nanoTime();
        LifecycleHandler.run(json("{'sleep':{'seconds':1}}"), target(), BUDGET);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void sleepHandlerLongerThanTheBudgetIsCutShort() {
        long started = System.nanoTime();
        HookFailedException e = catchThrowableOfType(HookFailedException.class,
                () -> LifecycleHandler.run(json("{'sleep':{'seconds':30}}"), target(), Duration.ofMillis(100)));
        assertThat(e.budgetExceeded()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void sleepHandlerInterruptedBecauseTheContainerWentAway() throws Exception {
        AtomicReference<HookFailedException> failure = new AtomicReference<>();
        Thread hook = Thread.ofVirtual().start(() -> {
            try {
                LifecycleHandler.run(json("{'sleep':{'seconds':30}}"), target(), Duration.ofSeconds(60));
            } catch (HookFailedException e) {
                failure.set(e);
            }
        });
        hook.interrupt();
        hook.join();
        assertThat(failure.get().eventMessage("app", POD)).isEqualTo("Sleep lifecycle hook (30) for Container \"app\""
                + " in Pod \"" + POD + "\" failed - error: container terminated before sleep hook finished");
    }

    @Test
    void tcpSocketHandlersFailAsInTheKubelet() {
        HookFailedException e = catchThrowableOfType(HookFailedException.class,
                () -> LifecycleHandler.run(json("{'tcpSocket':{'port':8080}}"), target(), BUDGET));
        assertThat(e.eventMessage("app", POD)).startsWith("Cannot run handler: invalid handler: ");
    }
}
