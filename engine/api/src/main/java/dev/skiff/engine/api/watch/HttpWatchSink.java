package dev.skiff.engine.api.watch;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A watch over chunked HTTP: newline-terminated JSON events, each flushed as it is written. */
public final class HttpWatchSink implements WatchSink {
    private final Context context;
    private final HttpServerResponse response;

    public HttpWatchSink(Context context, HttpServerResponse response, String contentType) {
        this.context = context;
        this.response = response;
        context.runOnContext(v -> {
            response.setChunked(true);
            response.setStatusCode(200);
            response.putHeader("Content-Type", contentType);
            response.putHeader("Cache-Control", "no-cache, private");
            response.writeHead();
        });
    }

    @Override
    public void send(byte[] event) {
        Buffer buffer = Buffer.buffer(event.length + 1).appendBytes(event).appendByte((byte) '\n');
        context.runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                response.write(buffer);
            }
        });
    }

    @Override
    public void end() {
        context.runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    @Override
    public void onClose(Runnable action) {
        context.runOnContext(v -> {
            if (response.closed()) {
                action.run();
            } else {
                response.closeHandler(x -> action.run());
            }
        });
    }
}
