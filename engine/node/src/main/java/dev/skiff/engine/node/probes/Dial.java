package dev.skiff.engine.node.probes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Opens TCP connections the way probes do, and words socket errors as Go's {@code net} package does. */
final class Dial {
    private Dial() {
    }

    /**
     * Connects to {@code host:port} within {@code timeout}. Failures read like Go's, e.g.
     * {@code dial tcp 127.1.0.5:8080: connect: connection refused} or {@code dial tcp 127.1.0.5:8080: i/o timeout}.
     */
    static Socket connect(String host, int port, Duration timeout) throws ActionException {
        String address = GoText.hostPort(host, port);
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ActionException(ActionException.Kind.FAILED, "dial tcp: lookup " + host + ": no such host");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(ip, port), millis(timeout));
            return socket;
        } catch (SocketTimeoutException e) {
            close(socket);
            throw new ActionException(ActionException.Kind.TIMED_OUT, "dial tcp " + address + ": i/o timeout");
        } catch (IOException e) {
            close(socket);
            throw new ActionException(ActionException.Kind.FAILED, "dial tcp " + address + ": connect: " + errno(e));
        }
    }

    /** Go's text for a failed read or write on a connection: {@code read tcp a->b: read: connection reset by peer}. */
    static String ioError(String op, Socket socket, IOException e) {
        return op + " tcp " + address(socket.getLocalSocketAddress()) + "->" + address(socket.getRemoteSocketAddress())
                + ": " + op + ": " + errno(e);
    }

    /** The system error in the lower-case words of {@code strerror}, as Go prints it. */
    static String errno(IOException e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int paren = message.indexOf(" (");
        if (paren > 0) {
            message = message.substring(0, paren);
        }
        if (message.equals("Connection reset")) {
            return "connection reset by peer";
        }
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** A timeout as a socket option: at least one millisecond, since zero means "wait forever". */
    static int millis(Duration timeout) {
        long ms = Math.max(1, (timeout.toNanos() + 999_999) / 1_000_000);
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to do with a connection we are abandoning.
        }
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return GoText.hostPort(inet.getAddress().getHostAddress(), inet.getPort());
        }
        return String.valueOf(a);
    }
}
