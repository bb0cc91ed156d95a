/** Networking for the engine: the service proxy, cluster DNS and the ingress controller. */
package dev.skiff.engine.net;
