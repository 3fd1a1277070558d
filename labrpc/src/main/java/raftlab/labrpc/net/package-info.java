/**
 * The simulated network: {@link raftlab.labrpc.net.Network}, its client ends, servers and services.
 *
 * <p>Start with the javadoc of {@link raftlab.labrpc.net.Network}; it is the manual.
 */
package raftlab.labrpc.net;
