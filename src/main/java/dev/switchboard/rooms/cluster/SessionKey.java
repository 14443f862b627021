package dev.switchboard.rooms.cluster;

/**
 * A rooms session's name in the cluster: the node it is on, that node's process (the time it started, so a pod
 * restarted under the same name never reuses a key its previous process left in a snapshot), and a sequence
 * number within the process.
 *
 * @param node        the node id
 * @param incarnation the node process's start, epoch milliseconds
 * @param sequence    the session's number within that process, from 1
 */
public record SessionKey(String node, long incarnation, long sequence) {

    @Override
    public String toString() {
        return node + "/" + incarnation + "/" + sequence;
    }
}
