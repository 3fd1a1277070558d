/**
 * Cluster mode: the student's Lab 4 code, unchanged, as a cluster of OS processes on 127.0.0.1 — gRPC transport
 * ({@code transport}), durable storage ({@code storage}), node processes ({@code node}), the command line
 * ({@code cli}), chaos runs checked for linearizability ({@code chaos}) and a benchmark ({@code bench}). Design:
 * {@code docs/cluster.md}; student guide: {@code handouts/cluster.md}.
 */
package raftlab.cluster;
