/**
 * The cluster DNS server: answers for Services and pods under the cluster domain as the Kubernetes DNS
 * specification and CoreDNS's kubernetes plugin do, and forwards other names upstream. Entry points:
 * {@link dev.skiff.engine.net.dns.ClusterDns} and {@link dev.skiff.engine.net.dns.DnsRecords}.
 */
package dev.skiff.engine.net.dns;
