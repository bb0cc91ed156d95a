/**
 * The service proxy: makes each Service port reachable on its ClusterIP (and node ports) and carries
 * connections and UDP exchanges to the port's ready endpoints. {@link dev.skiff.engine.net.proxy.ServiceProxy}
 * is the entry point.
 */
package dev.skiff.engine.net.proxy;
