/**
 * Time, sleeps, threads and randomness for all kit code.
 *
 * <p>{@link raftlab.labrpc.sim.Sim} is the single door to the clock and to thread creation, so that the tester can
 * track threads and a simulated clock can replace real time later. {@link raftlab.labrpc.sim.LabRandom} is the seeded
 * source of every random decision the network and the tester make, so a failing run can be replayed with
 * {@code -Dlab.seed=N}.
 */
package raftlab.labrpc.sim;
