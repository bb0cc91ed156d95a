package dev.skiff.engine.api.watch;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;

/** A watch over a WebSocket, as fabric8 opens it: one JSON event per text frame. */
public final class WebSocketWatchSink implements WatchSink {
    private final Context context;
    private final ServerWebSocket socket;

    public WebSocketWatchSink(Context context, ServerWebSocket socket) {
        this.context = context;
        this.socket = socket;
    }

    @Override
    public void send(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        context.runOnContext(v -> {
            if (!socket.isClosed()) {
                socket.writeTextMessage(text);
            }
        });
    }

    @Override
    public void end() {
        context.runOnContext(v -> {
            if (!socket.isClosed()) {
                socket.close();
            }
        });
    }

    @Override
    public void onClose(Runnable action) {
        context.runOnContext(v -> {
            if (socket.isClosed()) {
                action.run();
            } else {
                socket.closeHandler(x -> action.run());
            }
        });
    }
}
