package dev.skiff.engine.api.http;

import dev.skiff.engine.api.node.LogSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A log stream over chunked HTTP as kube-apiserver sends it: {@code text/plain}, each write flushed as it comes
 * (so {@code kubectl logs -f} prints lines as the container writes them). The status line goes out with the first
 * bytes, so a failure before them can still be answered with a Status. Each write waits until the connection has
 * taken the bytes, which keeps a fast source from piling up output a slow client has not read.
 */
final class HttpLogSink implements LogSink {
    private final Context context;
    private final HttpServerResponse response;
    private volatile boolean gone;
    private volatile boolean started;
    private long remaining;

    /** @param limitBytes the most bytes to send ({@code limitBytes} of the request), or null for no limit */
    HttpLogSink(Context context, HttpServerResponse response, Long limitBytes) {
        this.context = context;
        this.response = response;
        this.remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
        context.runOnContext(v -> {
            if (response.closed()) {
                gone = true;
            } else {
                response.closeHandler(x -> gone = true);
            }
        });
    }

    @Override
    public boolean write(byte[] bytes, int offset, int length) {
        if (gone || remaining <= 0) {
            return false;
        }
        if (length == 0) {
            return true;
        }
        int n = (int) Math.min(length, remaining);
        remaining -= n;
        Buffer chunk = Buffer.buffer(n).appendBytes(bytes, offset, n);
        CompletableFuture<Boolean> written = new CompletableFuture<>();
        try {
            context.runOnContext(v -> send(chunk, written));
        } catch (RuntimeException closing) {
            // the event loop is shutting down: the client is as good as gone
            written.complete(false);
        }
        if (!await(written)) {
            gone = true;
            return false;
        }
        return remaining > 0;
    }

    private void send(Buffer chunk, CompletableFuture<Boolean> written) {
        if (response.closed() || response.ended()) {
            written.complete(false);
            return;
        }
        if (!started) {
            started = true;
            response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "text/plain");
        }
        try {
            response.write(chunk).onComplete(ar -> written.complete(ar.succeeded()));
        } catch (IllegalStateException closedMeanwhile) {
            written.complete(false);
        }
    }

    /** Whether bytes have been sent, after which a failure can no longer become a Status reply. */
    boolean started() {
        return started;
    }

    /** Ends the stream (an empty {@code text/plain} body when nothing was written). */
    void end() {
        context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                return;
            }
            if (!started) {
                started = true;
                response.setStatusCode(200).putHeader("Content-Type", "text/plain");
            }
            response.end();
        });
    }

    private static boolean await(CompletableFuture<Boolean> written) {
        try {
            return written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }
}
