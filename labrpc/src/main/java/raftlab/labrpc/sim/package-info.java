/**
 * Time, sleeps, threads and randomness for all kit code.
 *
 * <p>{@link raftlab.labrpc.sim.Sim} is the single door to the clock, to thread creation and to the randomness of
 * Raft and the services, so that the tester can track threads and the simulation mode
 * ({@link raftlab.labrpc.sim.SimulatedRuntime}, docs/simulation.md) can run a whole test under one deterministic
 * scheduler in virtual time; {@link raftlab.labrpc.sim.EscapeCheck} finds code that bypasses the door.
 * {@link raftlab.labrpc.sim.LabRandom} is the seeded source of every random decision the network and the tester make,
 * so a failing run can be replayed with {@code -Dlab.seed=N}.
 */
package raftlab.labrpc.sim;
