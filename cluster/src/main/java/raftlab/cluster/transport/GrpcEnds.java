package raftlab.cluster.transport;

import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.sim.Sim;

/**
 * Client ends over gRPC to the nodes at {@code 127.0.0.1:ports[i]}, one channel per node. A call returns the reply,
 * or empty if it failed: the node is down or unreachable, the deadline passed, or the {@link Partition} cuts the
 * link, just where a labrpc call returns empty. A failed connection is made again at the next call, which waits
 * up to {@value #RECONNECT_WAIT_MS} ms for it instead of gRPC's reconnect back-off, so a node that restarts is
 * reachable again at once.
 */
public final class GrpcEnds implements AutoCloseable {

    /** The caller id of a client (not a node); partitions never cut clients off. */
    public static final int CLIENT = -1;

    /** How long a call waits for a failed connection to be made again before it fails. */
    static final long RECONNECT_WAIT_MS = 100;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<ClientEnd> ends = new ArrayList<>();

    /**
     * Ends from node {@code self} (or {@link #CLIENT}) to each port; calls fail after {@code deadlineMs} without
     * a reply.
     */
    public GrpcEnds(int self, List<Integer> ports, long deadlineMs, Partition partition) {
        this(self, ports, deadlineMs, partition, WireTap.NONE);
    }

    /** {@link #GrpcEnds(int, List, long, Partition)}, showing every answered call to {@code tap}. */
    public GrpcEnds(int self, List<Integer> ports, long deadlineMs, Partition partition, WireTap tap) {
        for (int i = 0; i < ports.size(); i++) {
            int target = i;
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", ports.get(i))
                    .usePlaintext()
                    .maxInboundMessageSize(Integer.MAX_VALUE)
                    .build();
            channels.add(channel);
            ends.add(ClientEnd.over("end-" + self + "-" + target, (serviceMethod, request) -> {
                if (partition.isBlocked(target)) {
                    return Optional.empty();
                }
                Optional<byte[]> reply = call(channel, serviceMethod, self, request, deadlineMs);
                reply.ifPresent(bytes -> tap.exchanged(serviceMethod, request, bytes));
                return reply;
            }));
        }
    }

    /** {@return the ends, index i reaching node i} */
    public List<ClientEnd> ends() {
        return List.copyOf(ends);
    }

    private static Optional<byte[]> call(ManagedChannel channel, String serviceMethod, int self, byte[] request,
                                         long deadlineMs) {
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            // The last connection attempt failed and gRPC would wait out its back-off (up to 2 min) before the
            // next. Try again now, for at most RECONNECT_WAIT_MS: a node that restarted is reachable at once, and a
            // node that is still down costs what labrpc charges for one (a failure after 0-99 ms).
            channel.resetConnectBackoff();
            if (!awaitReady(channel, Math.min(deadlineMs, RECONNECT_WAIT_MS))) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(ClientCalls.blockingUnaryCall(channel, Frames.CALL,
                    CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS),
                    Frames.request(serviceMethod, self, request)));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                channel.resetConnectBackoff();
            }
            return Optional.empty();
        }
    }

    private static boolean awaitReady(ManagedChannel channel, long waitMs) {
        long deadline = Sim.millis() + waitMs;
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY && Sim.millis() < deadline) {
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            Sim.await(changed, Math.max(0, deadline - Sim.millis()));
            state = channel.getState(true);
        }
        return state == ConnectivityState.READY;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
