/** The cluster command line ({@code scripts/cluster}): start, status, stop, restart, kill, put, get, partition. */
package raftlab.cluster.cli;
