/**
 * Lab 5's shard groups: each a Raft-replicated key/value server (the {@link raftlab.rsm.Rsm} of Labs 3–4) that
 * stores some of the shards.
 *
 * <ul>
 *   <li>{@link raftlab.shardkv.shardgrp.ShardRpc} — Get and Put (as in Lab 4) and the shard-movement RPCs, fenced
 *       by configuration number (provided);</li>
 *   <li>{@link raftlab.shardkv.shardgrp.Err} — Lab 5's one error type: Lab 4's values plus {@code ErrWrongGroup}
 *       (why one type of its own: see its comment);</li>
 *   <li>{@link raftlab.shardkv.shardgrp.ShardGrpServer} — one server: RPC handlers that go through the RSM;</li>
 *   <li>{@code ShardStore} — the group's state machine: per-shard data, which shards it serves, fencing;</li>
 *   <li>{@link raftlab.shardkv.shardgrp.Clerk} — the clerk of one group, used by the shardkv clerk and the
 *       controller.</li>
 * </ul>
 */
package raftlab.shardkv.shardgrp;
