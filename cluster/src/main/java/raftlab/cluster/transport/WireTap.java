package raftlab.cluster.transport;

/**
 * Sees every call that got a reply, on either side of the transport: the codec bytes of the request and of the
 * reply. The node's status reads Raft's progress from the messages Raft itself sends ({@code RaftProgress}), so it
 * needs no hook in student code. Runs on the calling or handling thread: be quick and never throw.
 */
@FunctionalInterface
public interface WireTap {

    /** Taps nothing. */
    WireTap NONE = (serviceMethod, request, reply) -> {};

    /**
     * A call of {@code serviceMethod} with codec bytes {@code request} was answered with codec bytes {@code reply}.
     */
    void exchanged(String serviceMethod, byte[] request, byte[] reply);
}
