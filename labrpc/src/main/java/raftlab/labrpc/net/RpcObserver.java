package raftlab.labrpc.net;

/**
 * Sees every RPC whose reply reaches its caller: the tester's seam for checking protocol rules on the wire (the Raft
 * invariant monitor). Install one with {@link Network#setObserver}; a network without one pays a single field read
 * per call.
 *
 * <p>{@link #delivered} runs on the caller's thread after the reply was copied and before {@code call} returns, so
 * whatever the caller does with the reply happens after the observer has seen it. It must be quick, must not block
 * and must not throw: it runs inside the code under test.
 */
@FunctionalInterface
public interface RpcObserver {

    /**
     * A reply was delivered.
     *
     * @param endName       the client end the call went through (the tester knows whose end it is)
     * @param serverName    the server that handled it
     * @param serviceMethod e.g. {@code "Raft.requestVote"}
     * @param args          the caller's argument object
     * @param reply         the caller's copy of the reply
     */
    void delivered(String endName, String serverName, String serviceMethod, Object args, Object reply);
}
