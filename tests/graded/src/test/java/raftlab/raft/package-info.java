/**
 * The graded Raft tests of Lab 3 (parts 3A–3D, one class each) and their harness.
 *
 * <p>{@link raftlab.raft.RaftHarness} is MIT's {@code raft1/test.go}: it starts the peers through the generic tester
 * ({@code raftlab.tester}) and provides the checkers the tests are written in. {@link raftlab.raft.RaftTestServer} is
 * MIT's {@code rfsrv}: the service above each peer that consumes {@code applyCh} and checks every applied command.
 * The tests are MIT's {@code raft1/raft_test.go}, with the same servers, network settings, iteration counts, sleeps
 * and bounds.
 */
package raftlab.raft;
