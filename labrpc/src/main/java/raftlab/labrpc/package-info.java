/**
 * labrpc: the in-JVM network simulator and everything the labs build on.
 *
 * <ul>
 *   <li>{@link raftlab.labrpc.net} — network, client ends, servers, services;</li>
 *   <li>{@link raftlab.labrpc.codec} — the codec that deep-copies every argument, reply, command and persisted
 *       value;</li>
 *   <li>{@link raftlab.labrpc.persist} — the persister (stable storage that survives a crash);</li>
 *   <li>{@link raftlab.labrpc.chan} — Go-style channels, for {@code applyCh};</li>
 *   <li>{@link raftlab.labrpc.sim} — the clock, sleeps, threads and seeded randomness.</li>
 * </ul>
 */
package raftlab.labrpc;
