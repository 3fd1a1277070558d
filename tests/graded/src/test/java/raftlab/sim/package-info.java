/**
 * Ours, not MIT's: {@link raftlab.sim.SimSweep} runs the graded suites in simulation mode for many seeds in one JVM,
 * with an optional determinism check, for the measurements in docs/simulation.md. Not a graded suite.
 */
package raftlab.sim;
