/**
 * Lab 5: a sharded, fault-tolerant key/value service (MIT 6.5840's shardkv1). Keys are split into 12 shards
 * ({@link raftlab.shardkv.shardcfg}); each shard is stored by one Raft-replicated shard group
 * ({@link raftlab.shardkv.shardgrp}); a controller ({@link raftlab.shardkv.shardctrler}) keeps the configuration in
 * Lab 2's configuration store and moves shards between groups; the {@link raftlab.shardkv.Clerk} routes each Get
 * and Put to the group that owns its key's shard.
 */
package raftlab.shardkv;
