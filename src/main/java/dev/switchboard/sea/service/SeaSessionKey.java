package dev.switchboard.sea.service;

import java.util.Objects;

/**
 * A session's name across the cluster: the node that owns its connection, that node's incarnation (a gateway
 * that restarts under the same node id gets a new one) and a sequence number of that incarnation. A SEA ID is
 * reused after its session ends, so events about a session name it by key: a late event about a departed
 * session never reaches the ID's next owner.
 *
 * @param node        the owning node's id
 * @param incarnation distinguishes the lives of one node id
 * @param sequence    increases with every connection the incarnation accepts
 */
public record SeaSessionKey(String node, long incarnation, long sequence) {

    public SeaSessionKey {
        Objects.requireNonNull(node, "node");
    }

    @Override
    public String toString() {
        return node + "/" + Long.toHexString(incarnation) + "/" + sequence;
    }
}
