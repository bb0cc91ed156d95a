package dev.skiff.engine.net.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster DNS server, what CoreDNS is in a Kubernetes cluster: answers for Services and pods in
 * the cluster domain following the Kubernetes DNS specification, and forwards every other name to
 * the upstream name servers. Listens on UDP and TCP at one address.
 *
 * <p>Records come from {@link #update}, which the integrator calls with the whole record set whenever
 * Services or EndpointSlices change; each update is compiled into an in-memory map once, and queries
 * are answered from whichever map was current when they arrived.
 */
public final class ClusterDns implements AutoCloseable {

    /** How long one upstream gets to answer before the next is asked (CoreDNS's forward uses 2 s too). */
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDns.class);
    private static final Pattern DOMAIN =
            Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.?");
    private static final long TCP_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int BIND_ATTEMPTS = 10;

    private final String domain;
    private final Optional<InetAddress> nameserver;
    private final EventLoopGroup group;
    private final UpstreamForwarder upstream;
    private Channel udp;
    private Channel tcp;
    private volatile ClusterZone zone;
    private long serial;
    private boolean closed;

    private ClusterDns(String domain, InetSocketAddress bind, EventLoopGroup group, UpstreamForwarder upstream) {
        this.domain = domain;
        this.nameserver = bind.getAddress().isAnyLocalAddress() ? Optional.empty() : Optional.of(bind.getAddress());
        this.group = group;
        this.upstream = upstream;
        this.serial = System.currentTimeMillis() / 1000;
        this.zone = ZoneCompiler.compile(DnsRecords.empty(), domain, nameserver, serial);
    }

    /**
     * Starts a server with the default upstream timeout.
     *
     * @param bind          where to listen, on UDP and TCP; port 0 picks a free port (the same for both)
     * @param clusterDomain the cluster domain, e.g. {@code cluster.local}
     * @param upstreams     name servers for names outside the cluster domain, asked in order; may be empty,
     *                      then such names get SERVFAIL
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static ClusterDns start(InetSocketAddress bind, String clusterDomain, List<InetSocketAddress> upstreams) {
        return start(bind, clusterDomain, upstreams, DEFAULT_UPSTREAM_TIMEOUT);
    }

    /**
     * Starts a server.
     *
     * @param upstreamTimeout how long each upstream gets to answer before the next one is asked; when the
     *                        last one has not answered either, the client gets SERVFAIL
     * @see #start(InetSocketAddress, String, List)
     */
    public static ClusterDns start(InetSocketAddress bind, String clusterDomain, List<InetSocketAddress> upstreams,
                                   Duration upstreamTimeout) {
        return start(bind, clusterDomain, upstreams, upstreamTimeout, Transport.best());
    }

    static ClusterDns start(InetSocketAddress bind, String clusterDomain, List<InetSocketAddress> upstreams,
                            Duration upstreamTimeout, Transport transport) {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(upstreams, "upstreams");
        if (clusterDomain == null || !DOMAIN.matcher(clusterDomain.toLowerCase(java.util.Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("cluster domain: Invalid value: \"" + clusterDomain
                    + "\": must be a valid DNS name, e.g. cluster.local");
        }
        if (upstreamTimeout.isNegative() || upstreamTimeout.isZero()) {
            throw new IllegalArgumentException("upstream timeout must be positive: " + upstreamTimeout);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("skiff-dns", true), transport.ioHandlers());
        UpstreamForwarder upstream = new UpstreamForwarder(group, transport, upstreams, upstreamTimeout);
        ClusterDns dns = new ClusterDns(DnsNames.key(clusterDomain), bind, group, upstream);
        try {
            upstream.start();
            QueryHandler handler = new QueryHandler(() -> dns.zone, upstream);
            WarmUp.run(handler, dns.domain);
            dns.listen(bind, transport, handler);
        } catch (Exception e) {
            dns.close();
            String message = "cluster DNS cannot listen on " + bind + ": " + e.getMessage();
            throw e instanceof IOException io ? new UncheckedIOException(message, io)
                    : new IllegalStateException(message, e);
        }
        LOG.info("cluster DNS for {} listening on {} (udp+tcp, {}), upstreams {}",
                dns.domain, dns.address(), transport.name(), upstreams);
        return dns;
    }

    private void listen(InetSocketAddress bind, Transport transport, QueryHandler handler) throws Exception {
        Bootstrap datagram = new Bootstrap()
                .group(group)
                .channel(transport.datagram())
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramResponseEncoder(), handler);
                    }
                });
        ServerBootstrap stream = new ServerBootstrap()
                .group(group)
                .channel(transport.server())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new TcpIdleTimeout(TCP_IDLE_NANOS), new TcpDnsQueryDecoder(),
                                new TcpDnsResponseEncoder(), handler);
                    }
                });
        for (int attempt = 1; ; attempt++) {
            udp = datagram.bind(bind).sync().channel();
            try {
                tcp = stream.bind(udp.localAddress()).sync().channel();
                return;
            } catch (Exception e) {
                udp.close().sync();
                udp = null;
                // a port picked for UDP may be taken for TCP: pick another, unless the caller chose it
                if (bind.getPort() != 0 || attempt == BIND_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Replaces all records with {@code records}. Compiles them first, then swaps: queries in flight finish
     * with the old set, later ones see the new set, none sees a mixture.
     */
    public void update(DnsRecords records) {
        Objects.requireNonNull(records, "records");
        synchronized (this) {
            serial = Math.max(serial + 1, System.currentTimeMillis() / 1000);
            zone = ZoneCompiler.compile(records, domain, nameserver, serial);
        }
    }

    /** The address the server listens on (UDP and TCP), with the port it got. */
    public InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    /** The cluster domain this server is authoritative for, absolute, e.g. {@code cluster.local.}. */
    public String clusterDomain() {
        return domain;
    }

    /** Stops listening and releases the threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tcp != null) {
            tcp.close().syncUninterruptibly();
        }
        if (udp != null) {
            udp.close().syncUninterruptibly();
        }
        upstream.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
