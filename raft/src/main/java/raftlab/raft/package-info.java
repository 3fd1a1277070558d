/**
 * Lab 3: a Raft peer.
 *
 * <ul>
 *   <li>{@link raftlab.raft.Raft} — the contract the tests and the service above use (do not change it);</li>
 *   <li>{@link raftlab.raft.ApplyMsg} — what Raft delivers on {@code applyCh};</li>
 *   <li>{@link raftlab.raft.RaftMessage} — the RPC arguments and replies of Figure 2, one record each, and their
 *       typed RPC names; the kit's, so that the tester can check Raft's rules on every message (do not change
 *       them);</li>
 *   <li>{@link raftlab.raft.LogEntry} — one log entry, as AppendEntries carries it (the kit's);</li>
 *   <li>{@code RaftNode} — your implementation.</li>
 * </ul>
 *
 * <p>Read Figure 2 of the extended Raft paper; it is the specification. Kit rules: threads only through
 * {@code Sim.go}, time only through {@code Sim.millis()}, {@code Sim.sleep} and {@code Sim.await}; no lock held
 * while calling a peer, sending on {@code applyCh} or sleeping; one thread per outstanding RPC.
 */
//+solution
//
// ---- The reference solution -----------------------------------------------------------------------------------
//
// Layout. RaftRules holds every decision of Figure 2 and §7 as a small pure static method (vote granting, the
// election restriction, the consistency check with the fast-backup hints on both sides, log conflict resolution,
// both commit rules); RaftLog is the log with its snapshot offset. Both are tested without threads in
// RaftRulesTest and RaftLogTest, one test per sentence of the paper. RaftNode is the concurrent shell around them:
// it takes the lock, asks the rules, persists, replies, and starts threads.
//
// Concurrency. One ReentrantLock guards all of a peer's state, as students will write it; not `synchronized`,
// because a virtual thread blocked inside a synchronized block pins its carrier on JDK 21. No thread holds the lock
// across an RPC, a send on applyCh or a wait. The threads of a peer:
//   - the ticker: as follower or candidate it waits until the election deadline (Sim.await on a latch that
//     kill() and winning an election count down, so it never busy-polls and wakes at once when it must); as leader
//     it checks every 25 ms which followers are due a heartbeat;
//   - the applier: waits on a Condition for commitIndex (or an installed snapshot) to move, copies what to deliver
//     under the lock, and sends it on applyCh without the lock, in index order; the only sender on applyCh;
//   - one short-lived thread per RPC, which takes the lock only to handle the reply.
// kill() counts down the kill latch, signals the applier's condition, wakes the ticker and closes applyCh (an
// applier blocked in send gets ChannelClosedException); RPC threads end when their call returns.
//
// Timing. Heartbeats every 100 ms (at most 10 per second per peer); election timeout random in [350, 650) ms.
// A leader sends a heartbeat to a follower only if it sent it nothing for 100 ms; if its latest RPC to the follower
// is still unanswered, it probes every 200 ms while the follower answered within the last second, then every
// 300 ms (a call to a dead peer takes up to 7 s to fail: this keeps dead peers cheap, yet a restarted peer hears
// from the leader before its election timeout). Likewise a candidate asks a peer whose last RequestVote is still
// unanswered again only once a second, not in every election.
//
// Replication. start() appends, persists and sends at once to every follower whose latest RPC was answered (fast
// path); a follower with an RPC out gets the new entries when that RPC's answer arrives. So a burst of start()s
// costs a few RPCs per follower, not one per command. Each answer sends again if the follower still lacks entries
// or the latest commit index, so followers learn commits at once. Only the latest RPC to a peer gates the next:
// stale calls to a crashed incarnation must not hold back a peer that answers again.
//
// Backup. A rejecting follower returns XTerm/XIndex/XLen (MIT's 3C hint); the leader jumps nextIndex past a whole
// term per round trip and retries at once; below its snapshot it sends InstallSnapshot (the whole snapshot).
//
// Persistence. currentTerm, votedFor, the snapshot's last index and term and the log are one record
// (RaftNode.PersistentState) encoded with the codec and saved together with the current snapshot, under the lock,
// before any reply or vote request that reveals them.
//
// ---- Solution markers (how the student kit is generated: ./lab handout) ----------------------------------------
//
//   //+solution-file    as the first line of a file: the whole file is left out of the kit
//   //+solution         start of a region removed from the kit (marker lines included)
//   //-solution         end of that region
//   //+student          optional, on the line right after //-solution: commented-out skeleton code follows
//   //-student          end of that block
//
// Each marker stands alone on its line (leading whitespace allowed). Inside a student block every line is empty or
// commented out, either with "//" in column 0 (an IDE's "comment line": "//        return x;" becomes
// "        return x;") or with "// " after the indentation ("        // return x;" becomes "        return x;").
// Regions do not nest. `./lab handout --out DIR --verify` generates the kit, compiles it and scans it for leaks.
//-solution
package raftlab.raft;
