package raftlab.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import raftlab.cluster.TestPorts;
import raftlab.cluster.wire.NodeRpc.PartitionArgs;
import raftlab.cluster.wire.NodeRpc.PartitionReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.net.RpcMethod;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.sim.Sim;

/**
 * Ours (not MIT's): calls over gRPC fail where labrpc's fail — a node that is down, a handler that does not answer
 * in time, a partitioned link — and never hang; a node that comes back is reachable at once.
 */
class GrpcTransportTest {

    /** Echoes its argument; the peer set {99} makes it block for 5 s. Uses registered wire records only. */
    public static final class Echo {
        @Rpc
        public PartitionReply echo(PartitionArgs args) {
            if (args.peers().contains(99)) {
                Sim.sleep(5000);
            }
            return new PartitionReply(args.peers());
        }
    }

    private static final RpcMethod<PartitionArgs, PartitionReply> ECHO =
            RpcMethod.of("Echo.echo", PartitionArgs.class, PartitionReply.class);

    private static Server echoServer() {
        return new Server().addService(Service.of("Echo", new Echo()));
    }

    @Test
    void aCallTravelsAndTheReplyComesBack() {
        int port = freePort();
        try (GrpcHost host = GrpcHost.start(port, echoServer(), new Partition());
             GrpcEnds ends = new GrpcEnds(0, List.of(port), 2000, new Partition())) {
            assertThat(call(ends.ends().getFirst(), Set.of(1, 2))).contains(new PartitionReply(Set.of(1, 2)));
        }
    }

    @Test
    void aDownNodeIsAFailedCallNotAHangAndARestartedOneAnswersAgain() {
        int port = freePort();
        try (GrpcEnds ends = new GrpcEnds(0, List.of(port), 2000, new Partition())) {
            long start = Sim.millis();
            assertThat(call(ends.ends().getFirst(), Set.of(1))).as("nobody listens").isEmpty();
            assertThat(Sim.millis() - start).as("connection refused fails fast, well inside the deadline")
                    .isLessThan(1500);
            try (GrpcHost host = GrpcHost.start(port, echoServer(), new Partition())) {
                assertThat(call(ends.ends().getFirst(), Set.of(1))).as("the node is back").isPresent();
            }
        }
    }

    @Test
    void aHandlerThatDoesNotAnswerFailsTheCallAtTheDeadline() {
        int port = freePort();
        try (GrpcHost host = GrpcHost.start(port, echoServer(), new Partition());
             GrpcEnds ends = new GrpcEnds(0, List.of(port), 300, new Partition())) {
            long start = Sim.millis();
            assertThat(call(ends.ends().getFirst(), Set.of(99))).isEmpty();
            assertThat(Sim.millis() - start).isBetween(250L, 4000L);
        }
    }

    @Test
    void aPartitionFailsCallsBothWays() {
        int port = freePort();
        Partition serverSide = new Partition();
        Partition clientSide = new Partition();
        try (GrpcHost host = GrpcHost.start(port, echoServer(), serverSide);
             GrpcEnds ends = new GrpcEnds(1, List.of(port), 2000, clientSide)) {
            ClientEnd end = ends.ends().getFirst();
            serverSide.set(Set.of(1));
            assertThat(call(end, Set.of(5))).as("the server refuses its cut-off peer").isEmpty();
            serverSide.set(Set.of());
            clientSide.set(Set.of(0));
            assertThat(call(end, Set.of(5))).as("the caller does not reach its cut-off peer").isEmpty();
            clientSide.set(Set.of());
            assertThat(call(end, Set.of(5))).as("healed").isPresent();
        }
        try (GrpcHost host = GrpcHost.start(port, echoServer(), serverSide);
             GrpcEnds client = new GrpcEnds(GrpcEnds.CLIENT, List.of(port), 2000, new Partition())) {
            serverSide.set(Set.of(0, 1, 2));
            assertThat(call(client.ends().getFirst(), Set.of(5))).as("clients are never cut off").isPresent();
        }
    }

    @Test
    void aTakenPortIsNamed() throws IOException {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = squatter.getLocalPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> GrpcHost.start(port, echoServer(),
                            new Partition()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port).hasMessageContaining("in use");
        }
    }

    private static Optional<PartitionReply> call(ClientEnd end, Set<Integer> peers) {
        return end.call(ECHO, new PartitionArgs(peers));
    }

    private static int freePort() {
        return TestPorts.freeBasePort(1);
    }
}
