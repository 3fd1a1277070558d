package raftlab.cluster.transport;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.sim.Sim;

/**
 * Serves a labrpc {@link Server} over gRPC on {@code 127.0.0.1:port}. Each request runs its handler on its own
 * thread (started through {@link Sim#go}), as labrpc's network does, so a handler that blocks (a KV {@code get}
 * waiting for its entry to commit) holds up nothing else. Requests from a peer the {@link Partition} cuts off fail.
 */
public final class GrpcHost implements AutoCloseable {

    private final io.grpc.Server grpc;

    private GrpcHost(io.grpc.Server grpc) {
        this.grpc = grpc;
    }

    /**
     * Starts serving {@code server} on {@code 127.0.0.1:port}.
     *
     * @throws IllegalStateException naming the port if it is in use or cannot be bound
     */
    public static GrpcHost start(int port, Server server, Partition partition) {
        return start(port, server, partition, WireTap.NONE);
    }

    /** {@link #start(int, Server, Partition)}, showing every answered request to {@code tap}. */
    public static GrpcHost start(int port, Server server, Partition partition, WireTap tap) {
        ServerServiceDefinition service = ServerServiceDefinition.builder("raftlab.Labrpc")
                .addMethod(Frames.CALL, ServerCalls.asyncUnaryCall(
                        (byte[] frame, StreamObserver<byte[]> reply) -> handle(frame, reply, server, partition, tap)))
                .build();
        io.grpc.Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(service)
                .executor(command -> Sim.go("grpc-handler", command))
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        try {
            grpc.start();
        } catch (IOException e) {
            boolean inUse = false;
            for (Throwable t = e; t != null; t = t.getCause()) {   // Netty wraps the bind error in its own
                inUse |= t instanceof BindException || String.valueOf(t.getMessage()).contains("in use");
            }
            throw new IllegalStateException(inUse
                    ? "port " + port + " on 127.0.0.1 is already in use by another process; stop it or choose "
                            + "another base port"
                    : "cannot listen on 127.0.0.1:" + port + ": " + e, e);
        }
        return new GrpcHost(grpc);
    }

    /** {@return the port this host listens on} */
    public int port() {
        return grpc.getPort();
    }

    private static void handle(byte[] frame, StreamObserver<byte[]> reply, Server server, Partition partition,
                               WireTap tap) {
        Frames.Request request;
        try {
            request = Frames.parse(frame);
        } catch (IOException e) {
            reply.onError(Status.INVALID_ARGUMENT.withDescription("malformed request frame: " + e).asException());
            return;
        }
        if (partition.isBlocked(request.caller())) {
            reply.onError(Status.UNAVAILABLE.withDescription("partitioned from " + request.caller()).asException());
            return;
        }
        byte[] result;
        try {
            result = server.handle(request.serviceMethod(), request.args());
        } catch (RuntimeException | Error e) {
            System.err.println("handler " + request.serviceMethod() + " failed: " + e);
            reply.onError(Status.INTERNAL.withDescription(request.serviceMethod() + ": " + e).asException());
            return;
        }
        tap.exchanged(request.serviceMethod(), request.args(), result);
        reply.onNext(result);
        reply.onCompleted();
    }

    @Override
    public void close() {
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
