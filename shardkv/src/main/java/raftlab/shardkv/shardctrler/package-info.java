/**
 * Lab 5's shard controller: {@link raftlab.shardkv.shardctrler.ShardCtrler}, a client-side library that stores
 * configurations in Lab 2's configuration store and moves shards between groups when the configuration changes.
 */
package raftlab.shardkv.shardctrler;
