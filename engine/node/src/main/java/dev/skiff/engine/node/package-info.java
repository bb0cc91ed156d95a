/** The node agent: runs the pods bound to this machine's Node as local processes, as a kubelet does. */
package dev.skiff.engine.node;
