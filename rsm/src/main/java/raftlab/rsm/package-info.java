/**
 * The replicated state machine (RSM) layer of Lab 4: it turns a Raft peer into a service that executes the same
 * operations, in the same order, on every replica.
 *
 * <ul>
 *   <li>{@link raftlab.rsm.StateMachine} is what a service above the RSM implements (the KV server does, the 4A
 *       tests' counter does): apply one operation, take a snapshot, restore one.</li>
 *   <li>{@link raftlab.rsm.Rsm} owns the Raft peer and its {@code applyCh}. {@link raftlab.rsm.Rsm#submit} puts an
 *       operation in the log and returns its result once it is applied, or says that this peer could not get it applied.
 *       </li>
 *   <li>{@link raftlab.rsm.SubmitResult} is what {@code submit} answers: {@code Applied(result)} or
 *       {@code WrongLeader()}, nothing else. Errors of a service (a missing key, a version mismatch) are the
 *       service's own, in its reply type: the KV service's are in {@code raftlab.kvraft.Err}.</li>
 * </ul>
 *
 * <p>Threads: every peer runs one reader that takes committed operations from {@code applyCh} and applies them; the
 * callers of {@code submit} (RPC handler threads, on the leader) wait for their operation's index to be applied.
 */
package raftlab.rsm;
