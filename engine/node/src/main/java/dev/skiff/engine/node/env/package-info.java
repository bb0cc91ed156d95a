/**
 * A container's environment as the kubelet builds it: service links, {@code envFrom}, {@code env} with
 * {@code $(VAR)} expansion and every {@code valueFrom} source, plus the downward API field and resource
 * selectors that volumes share.
 */
package dev.skiff.engine.node.env;
