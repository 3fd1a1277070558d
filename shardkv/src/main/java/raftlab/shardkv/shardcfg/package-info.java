/**
 * Lab 5's configuration package (MIT's {@code shardcfg}), provided code: please don't change it.
 *
 * <ul>
 *   <li>{@link raftlab.shardkv.shardcfg.ShardConfig} — a configuration: its number, the owner of each of the 12
 *       shards, the servers of each group; {@code key2shard}; join, leave and the exact rebalancing algorithm; the
 *       JSON string form the controller stores;</li>
 *   <li>{@link raftlab.shardkv.shardcfg.Dialer} — how clerks and controllers reach servers by name.</li>
 * </ul>
 */
package raftlab.shardkv.shardcfg;
