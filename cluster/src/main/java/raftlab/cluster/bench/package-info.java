/** The cluster benchmark: throughput and latency percentiles (HdrHistogram), and the physical floor. */
package raftlab.cluster.bench;
