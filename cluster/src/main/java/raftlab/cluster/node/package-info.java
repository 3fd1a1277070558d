/**
 * One cluster node as an OS process: {@link raftlab.cluster.node.NodeMain} runs the student's {@code KVServer}
 * (and so their {@code Rsm} and {@code RaftNode}) unchanged, over the gRPC transport, on durable storage.
 */
package raftlab.cluster.node;
