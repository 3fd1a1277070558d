package raftlab.labrpc.net;

import java.util.Objects;
import java.util.Optional;
import raftlab.labrpc.codec.Codec;

/**
 * The client side of a connection: what a Raft peer holds for each of its peers. Made with
 * {@link Network#makeEnd(String)}; the tester connects and enables it.
 *
 * <p>{@link #call(String, Object, Class)} sends a request and waits for the reply. It returns the reply, or
 * {@link Optional#empty()} if the network lost the request or the reply, the end is disabled, or the server is
 * down. It always returns, perhaps after a long delay, unless the handler itself never returns; there is no other
 * timeout. An empty result does not tell whether the handler ran.
 *
 * <p>Cluster mode (outside the labs) makes ends with {@link #over(String, Transport)}: the same calls, carried by a
 * real transport between processes instead of the simulated {@link Network}.
 */
public final class ClientEnd {

    /**
     * A real transport for {@link #over(String, Transport)}: delivers the codec bytes of a request to the server's
     * {@link Server#handle(String, byte[])} and returns the reply's bytes, or empty if the call failed (lost, timed
     * out, server down or unreachable), exactly where a labrpc call returns empty.
     */
    @FunctionalInterface
    public interface Transport {

        /** Sends {@code request} (the codec bytes of the argument) to {@code serviceMethod}. */
        Optional<byte[]> call(String serviceMethod, byte[] request);
    }

    private final String name;
    private final Network network;       // the simulated network, or null for an end over a transport
    private final Transport transport;   // null for an end of a simulated network

    ClientEnd(String name, Network network) {
        this.name = name;
        this.network = network;
        this.transport = null;
    }

    private ClientEnd(String name, Transport transport) {
        this.name = name;
        this.network = null;
        this.transport = transport;
    }

    /** {@return an end named {@code name} whose calls go through {@code transport} (cluster mode)} */
    public static ClientEnd over(String name, Transport transport) {
        Objects.requireNonNull(name, "ClientEnd.over: name is null");
        Objects.requireNonNull(transport, "ClientEnd.over: transport is null");
        return new ClientEnd(name, transport);
    }

    /** {@return this end's name in its network} */
    public String name() {
        return name;
    }

    /**
     * Calls {@code "Service.method"} on the server this end is connected to. The argument is deep-copied through
     * the codec before it leaves, and the reply is a fresh decoded object.
     *
     * @param serviceMethod e.g. {@code "Raft.requestVote"}
     * @param args          the request; must be copyable by {@link Codec}
     * @param replyType     the handler's reply type
     * @return the reply, or empty if the call failed
     * @throws NullPointerException                  if an argument is null
     * @throws raftlab.labrpc.codec.CodecException   if {@code args} cannot be copied (the message names the field)
     * @throws IllegalArgumentException              if the connected server has no such service or method, or the
     *                                               handler's types do not match {@code args} and {@code replyType}
     */
    public <R> Optional<R> call(String serviceMethod, Object args, Class<R> replyType) {
        Objects.requireNonNull(serviceMethod, "call: serviceMethod is null");
        Objects.requireNonNull(args, () -> "call " + serviceMethod + ": args is null; send a record");
        Objects.requireNonNull(replyType, () -> "call " + serviceMethod + ": replyType is null");
        if (transport != null) {
            return transport.call(serviceMethod, Codec.encode(args)).map(reply -> Codec.decode(reply, replyType));
        }
        return network.call(this, serviceMethod, args, Codec.encode(args), replyType);
    }

    /** Calls a typed RPC; see {@link #call(String, Object, Class)}. */
    public <A, R> Optional<R> call(RpcMethod<A, R> method, A args) {
        Objects.requireNonNull(method, "call: method is null");
        return call(method.name(), args, method.replyType());
    }

    @Override
    public String toString() {
        return "ClientEnd[" + name + "]";
    }
}
