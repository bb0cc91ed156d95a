package dev.skiff.engine.node.cgroups;

/** Why this machine's cgroups cannot give pods limits, in a sentence for the user. */
final class CgroupsUnavailable extends Exception {

    CgroupsUnavailable(String reason) {
        super(reason + "; CPU and memory limits are not enforced");
    }
}
