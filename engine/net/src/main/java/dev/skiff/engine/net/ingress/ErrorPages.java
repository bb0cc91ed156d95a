package dev.skiff.engine.net.ingress;

/**
 * The short plain-text bodies the proxy answers with when it cannot hand a request to a backend. They name what
 * went wrong in the terms a user looks up: the host and path, or the Service.
 */
final class ErrorPages {
    private ErrorPages() {
    }

    static String notFound(String host, String path) {
        return "404 Not Found\n\nno Ingress rule routes host \"" + printable(host) + "\" path \"" + printable(path)
                + "\"\n";
    }

    static String noReadyEndpoint(Backend backend) {
        return "503 Service Unavailable\n\nno ready endpoint for service " + backend.serviceRef() + "\n";
    }

    static String badGateway(Backend backend, String reason) {
        return "502 Bad Gateway\n\nservice " + backend.serviceRef() + ": " + printable(reason) + "\n";
    }

    static String gatewayTimeout(Backend backend, long seconds) {
        return "504 Gateway Timeout\n\nservice " + backend.serviceRef() + " did not answer within " + seconds
                + "s\n";
    }

    /** Request text echoed back without control characters, so it cannot forge lines of the page. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 256));
        for (int i = 0; i < s.length() && b.length() < 256; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
