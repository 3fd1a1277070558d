/**
 * What travels between cluster processes and lands on disk: the node's own RPC messages ({@link
 * raftlab.cluster.wire.NodeRpc}) and {@link raftlab.cluster.wire.TypeTable}, which gives every record and enum of the
 * student's packages the same codec type id in every JVM.
 */
package raftlab.cluster.wire;
