package dev.skiff.engine.net.dns;

import dev.skiff.engine.net.dns.DnsRecords.Endpoint;
import dev.skiff.engine.net.dns.DnsRecords.Port;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Purpose: p50/p99 latency of sequential UDP A queries for Service names against {@link ClusterDns} on
 * loopback (goal: p99 under 1 ms). One blocking client, one query in flight, 1,000 Services loaded.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<dependencies> dev.skiff.engine.net.dns.DnsBench [queries]}
 */
public final class DnsBench {

    private static final int SERVICES = 1000;

    public static void main(String[] args) throws Exception {
        int queries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long startNanos = System.nanoTime();
        try (ClusterDns dns = ClusterDns.start(new InetSocketAddress("127.0.0.1", 0), "cluster.local", List.of());
             DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            System.out.printf("started in %.0f ms%n", (System.nanoTime() - startNanos) / 1e6);
            DnsRecords records = records();
            for (int round = 1; round <= 10; round++) {
                long updateNanos = System.nanoTime();
                dns.update(records);
                if (round == 1 || round == 10) {
                    System.out.printf("update %d with %d Services compiled in %.1f ms%n", round, SERVICES,
                            (System.nanoTime() - updateNanos) / 1e6);
                }
            }
            socket.connect(dns.address());
            socket.setSoTimeout(2000);
            byte[][] messages = new byte[SERVICES][];
            for (int i = 0; i < SERVICES; i++) {
                messages[i] = DnsTestClient.query(i, "svc-" + i + ".bench.svc.cluster.local", DnsTestClient.A, false);
            }
            byte[] buffer = new byte[512];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);

            long first = run(socket, messages, reply, 1)[0];
            System.out.printf("first query after start: %.1f ms%n", first / 1e6);
            run(socket, messages, reply, 20_000); // warm-up: JIT and caches
            long[] nanos = run(socket, messages, reply, queries);

            Arrays.sort(nanos);
            long total = Arrays.stream(nanos).sum();
            System.out.printf("cluster DNS, %d sequential UDP A queries on loopback (%s, %d cores, %s)%n", queries,
                    Transport.best().name(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("p50 %.1f us  p90 %.1f us  p99 %.1f us  p99.9 %.1f us  max %.1f us  (%.0f queries/s)%n",
                    micros(nanos, 0.50), micros(nanos, 0.90), micros(nanos, 0.99), micros(nanos, 0.999),
                    nanos[nanos.length - 1] / 1000.0, queries / (total / 1e9));
        }
    }

    private static long[] run(DatagramSocket socket, byte[][] messages, DatagramPacket reply, int count)
            throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            byte[] message = messages[i % messages.length];
            long start = System.nanoTime();
            socket.send(new DatagramPacket(message, message.length));
            try {
                socket.receive(reply);
            } catch (java.net.SocketTimeoutException e) {
                throw new IllegalStateException("no reply to query " + i + " within 2 s", e);
            }
            nanos[i] = System.nanoTime() - start;
            byte[] data = reply.getData();
            boolean answered = (data[3] & 0xf) == 0 && ((data[6] & 0xff) << 8 | (data[7] & 0xff)) == 1
                    && data[0] == message[0] && data[1] == message[1];
            if (!answered) {
                throw new IllegalStateException("unexpected reply to query " + i);
            }
        }
        return nanos;
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000.0;
    }

    private static DnsRecords records() throws Exception {
        DnsRecords.Builder records = DnsRecords.builder();
        for (int i = 0; i < SERVICES; i++) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                endpoints.add(Endpoint.of(InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 64), (byte) (i % 64 * 4 + e)})));
            }
            InetAddress clusterIp = InetAddress.getByAddress(new byte[] {127, 96, (byte) (i >> 8), (byte) i});
            records.service("bench", "svc-" + i, Optional.of(clusterIp), endpoints,
                    List.of(Port.tcp("http", 80), Port.tcp("grpc", 9000)), Optional.empty());
        }
        return records.build();
    }
}
