/**
 * The gRPC transport behind labrpc's contract: {@link raftlab.cluster.transport.GrpcHost} serves a labrpc
 * {@link raftlab.labrpc.net.Server} on 127.0.0.1, and {@link raftlab.cluster.transport.GrpcEnds} makes
 * {@link raftlab.labrpc.net.ClientEnd}s whose calls travel to it. One unary gRPC method carries the codec's bytes
 * through a byte-array marshaller, so there is no protobuf and no code generation. A call that fails (deadline, node
 * down, partition) returns empty, as a labrpc call does.
 */
package raftlab.cluster.transport;
