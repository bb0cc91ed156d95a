/**
 * The ingress controller's data plane for {@code networking.k8s.io/v1} Ingresses of class {@code skiff}: a routing
 * table built from Ingresses and TLS Secrets ({@link dev.skiff.engine.net.ingress.IngressRoutes}) and the HTTP(S)
 * reverse proxy that serves it on host ports ({@link dev.skiff.engine.net.ingress.IngressProxy}).
 */
package dev.skiff.engine.net.ingress;
