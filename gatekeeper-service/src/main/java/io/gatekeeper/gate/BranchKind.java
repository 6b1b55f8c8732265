package io.gatekeeper.gate;

import java.util.Optional;

/** The branch namespaces Gatekeeper queues from, and what a request from each is. */
enum BranchKind {
    PULL("refs/heads/pull-request/", "pull"),
    PUSH("refs/heads/push-request/", "push");

    final String prefix;
    final String wire;

    BranchKind(String prefix, String wire) {
        this.prefix = prefix;
        this.wire = wire;
    }

    static Optional<BranchKind> of(String refName) {
        for (BranchKind k : values()) {
            if (refName.startsWith(k.prefix) && refName.length() > k.prefix.length()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static String branchName(String refName) {
        return refName.substring("refs/heads/".length());
    }
}
