package io.gatekeeper.pool;

/** Who calls the runner protocol: the user whose token the runner carries. Admins may act for any node. */
public record Caller(String user, boolean admin) {

    boolean owns(NodeRow node) {
        return admin || node.owner().equals(user);
    }
}
