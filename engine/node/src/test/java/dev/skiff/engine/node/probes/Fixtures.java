package dev.skiff.engine.node.probes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Small helpers shared by the tests. */
final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    /** Parses JSON written with single quotes for readability. */
    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode container() {
        return json("{'name':'app','ports':[{'name':'http','containerPort':8080}],"
                + "'env':[{'name':'GREETING','value':'hello'},{'name':'SECRET','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}}]}");
    }

    static JsonNode containerWithPort(String name, int port) {
        return json("{'name':'app','ports':[{'name':'" + name + "','containerPort':" + port + "}]}");
    }

    static ProbeTarget target(JsonNode container) {
        return new ProbeTarget("127.0.0.1", container, new ShellExec());
    }

    static ProbeTarget target() {
        return target(container());
    }

    /** A port on 127.0.0.1 where nothing listens. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
