package raftlab.labrpc.net;

import java.util.Objects;

/**
 * A typed name for one RPC, so a call site states its argument and reply types once:
 * <pre>{@code
 * static final RpcMethod<RequestVoteArgs, RequestVoteReply> REQUEST_VOTE =
 *         RpcMethod.of("Raft.requestVote", RequestVoteArgs.class, RequestVoteReply.class);
 * Optional<RequestVoteReply> reply = peers.get(i).call(REQUEST_VOTE, args);
 * }</pre>
 *
 * @param name      {@code "Service.method"}
 * @param argsType  the handler's parameter type
 * @param replyType the handler's return type
 */
public record RpcMethod<A, R>(String name, Class<A> argsType, Class<R> replyType) {

    public RpcMethod {
        Objects.requireNonNull(name, "RpcMethod: name is null");
        Objects.requireNonNull(argsType, "RpcMethod: argsType is null");
        Objects.requireNonNull(replyType, "RpcMethod: replyType is null");
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new IllegalArgumentException("RPC name '" + name + "' must look like \"Service.method\", "
                    + "e.g. \"Raft.requestVote\"");
        }
    }

    /** {@return a typed RPC name} */
    public static <A, R> RpcMethod<A, R> of(String name, Class<A> argsType, Class<R> replyType) {
        return new RpcMethod<>(name, argsType, replyType);
    }
}
