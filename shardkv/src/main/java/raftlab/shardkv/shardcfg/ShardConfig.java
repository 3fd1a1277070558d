package raftlab.shardkv.shardcfg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A shard configuration (MIT's {@code shardcfg.ShardConfig}; provided code, please don't change): its number, the
 * owner of each of the {@link #NSHARDS} shards, and the servers of each group. A configuration is mutable, like
 * Go's; {@link #copy()} before changing one you did not make.
 *
 * <p>Groups are kept in a sorted map, so that {@link #rebalance()} visits gids in ascending order (Go sorts them
 * explicitly) and {@link #toString()} is deterministic: the same configuration always gives the same text.
 */
public final class ShardConfig {

    /** The number of shards ({@code NShards}). */
    public static final int NSHARDS = 12;

    /** The number of the first configuration (MIT's NumFirst). */
    public static final int NUM_FIRST = 1;

    /** The first shard group's id ({@code Gid1}); at creation it owns every shard. */
    public static final int GID1 = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private int num;
    private final int[] shards;                                 // shard -> gid; 0 is unassigned
    private final SortedMap<Integer, List<String>> groups;      // gid -> server names

    private ShardConfig(int num, int[] shards, SortedMap<Integer, List<String>> groups) {
        this.num = num;
        this.shards = shards;
        this.groups = groups;
    }

    /** {@return an empty configuration (MIT's MakeShardConfig): number 0, every shard unassigned, no groups} */
    public static ShardConfig make() {
        return new ShardConfig(0, new int[NSHARDS], new TreeMap<>());
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    /**
     * {@return the shard of {@code key} (MIT's Key2Shard): the FNV-1a 32-bit hash of its UTF-8 bytes, as an
     * unsigned number, modulo {@link #NSHARDS}}. Use it; don't change it.
     */
    public static int key2shard(String key) {
        return Integer.remainderUnsigned(fnv1a32(key), NSHARDS);
    }

    /** {@return the 32-bit FNV-1a hash of {@code key}'s UTF-8 bytes (Go's {@code hash/fnv} New32a)} */
    static int fnv1a32(String key) {
        Objects.requireNonNull(key, "key2shard: key is null");
        int h = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }

    // ---- accessors --------------------------------------------------------------------------------------------

    /** {@return the configuration number} */
    public int num() {
        return num;
    }

    /** {@return the gid owning {@code shard}; 0 if unassigned} */
    public int shard(int shard) {
        checkShard(shard);
        return shards[shard];
    }

    /** {@return a copy of the shard-to-gid array} */
    public int[] shards() {
        return shards.clone();
    }

    /** {@return the gids of the groups, ascending} */
    public List<Integer> gids() {
        return List.copyOf(groups.keySet());
    }

    /** {@return the server names of group {@code gid}, or empty if it is not in this configuration} */
    public Optional<List<String>> servers(int gid) {
        return Optional.ofNullable(groups.get(gid));
    }

    /** {@return the groups: gid to server names, ascending by gid; an unmodifiable view} */
    public SortedMap<Integer, List<String>> groups() {
        return java.util.Collections.unmodifiableSortedMap(groups);
    }

    /** The owner of a shard and its servers ({@code GidServers}); {@code ok} is false if the gid has no servers. */
    public record GidServers(int gid, List<String> servers, boolean ok) {}

    /** {@return the gid owning {@code shard}, that group's servers, and whether the gid is in the groups} */
    public GidServers gidServers(int shard) {
        int gid = shard(shard);
        List<String> servers = groups.get(gid);
        return new GidServers(gid, servers == null ? List.of() : servers, servers != null);
    }

    /** {@return whether some shard is assigned to {@code gid} (not whether the gid is in the groups)} */
    public boolean isMember(int gid) {
        return Arrays.stream(shards).anyMatch(g -> g == gid);
    }

    /** {@return a deep copy: new shard array, new map, new server lists} */
    public ShardConfig copy() {
        SortedMap<Integer, List<String>> g = new TreeMap<>();
        groups.forEach((gid, srvs) -> g.put(gid, List.copyOf(srvs)));
        return new ShardConfig(num, shards.clone(), g);
    }

    // ---- join, leave, rebalance -------------------------------------------------------------------------------

    /**
     * Adds groups ({@code Join}) and increments the number by one.
     *
     * @param servers gid to server names, one entry per new group
     * @return false, changing nothing else, if a gid is already in the configuration ({@code re-Join gid}); groups
     *         earlier in ascending gid order have then been added already, as in Go
     * @throws IllegalArgumentException if {@code servers} is empty ({@code Join but no change}), a gid is not
     *         positive, a group has no servers, or a server name already belongs to another group
     */
    public boolean join(Map<Integer, List<String>> servers) {
        Objects.requireNonNull(servers, "Join: servers is null");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("Join but no change: give at least one gid and its servers");
        }
        for (Map.Entry<Integer, List<String>> e : new TreeMap<>(servers).entrySet()) {
            int gid = e.getKey();
            List<String> names = e.getValue();
            if (gid <= 0) {
                throw new IllegalArgumentException("Join(" + servers + "): gid " + gid + " is not positive; gid 0 "
                        + "means 'unassigned' and group ids start at " + GID1);
            }
            if (names == null || names.isEmpty()) {
                throw new IllegalArgumentException("Join(" + servers + "): group " + gid + " has no servers; a "
                        + "group needs at least one server name");
            }
            if (groups.containsKey(gid)) {
                System.out.println("re-Join " + gid);
                return false;
            }
            for (String name : names) {
                for (Map.Entry<Integer, List<String>> other : groups.entrySet()) {
                    if (other.getValue().contains(name)) {
                        throw new IllegalArgumentException(String.format(
                                "Join(%s) puts server %s in groups %d and %d", servers, name, gid, other.getKey()));
                    }
                }
            }
            groups.put(gid, List.copyOf(names));
        }
        num++;
        return true;
    }

    /**
     * Removes groups ({@code Leave}) and increments the number by one.
     *
     * @return false if a gid is not in the configuration ({@code Leave(gid) but not in config}); gids earlier in
     *         the list have then been removed already, as in Go
     * @throws IllegalArgumentException if {@code gids} is empty ({@code Leave but no change})
     */
    public boolean leave(List<Integer> gids) {
        Objects.requireNonNull(gids, "Leave: gids is null");
        if (gids.isEmpty()) {
            throw new IllegalArgumentException("Leave but no change: give at least one gid");
        }
        for (int gid : gids) {
            if (groups.remove(gid) == null) {
                System.out.println("Leave(" + gid + ") but not in config");
                return false;
            }
        }
        num++;
        return true;
    }

    /** {@link #join}, then {@link #rebalance()}; false if the join was refused. */
    public boolean joinBalance(Map<Integer, List<String>> servers) {
        if (!join(servers)) {
            return false;
        }
        rebalance();
        return true;
    }

    /** {@link #leave}, then {@link #rebalance()}; false if the leave was refused. */
    public boolean leaveBalance(List<Integer> gids) {
        if (!leave(gids)) {
            return false;
        }
        rebalance();
        return true;
    }

    /**
     * Spreads the shards over the groups ({@code Rebalance}), exactly as Go's: with no groups every shard becomes
     * unassigned; otherwise each shard whose owner is not a group goes, in shard order, to the least-loaded group;
     * then, while the most-loaded group has at least two shards more than the least-loaded one, its lowest-numbered
     * shard moves to the least-loaded group. Ties go to the lowest gid.
     */
    public void rebalance() {
        if (groups.isEmpty()) {
            Arrays.fill(shards, 0);
            return;
        }
        for (int s = 0; s < NSHARDS; s++) {
            if (!groups.containsKey(shards[s])) {
                shards[s] = analyze().leastGid;
            }
        }
        while (true) {
            Load load = analyze();
            if (load.mostCount < load.leastCount + 2) {
                return;
            }
            for (int s = 0; s < NSHARDS; s++) {
                if (shards[s] == load.mostGid) {
                    shards[s] = load.leastGid;
                    break;
                }
            }
        }
    }

    private record Load(int mostGid, int mostCount, int leastGid, int leastCount) {}

    /** The most- and least-loaded groups: the first gid, ascending, with a strictly larger/smaller count. */
    private Load analyze() {
        int[] count = new int[NSHARDS];
        int mostGid = 0;
        int mostCount = -1;
        int leastGid = 0;
        int leastCount = 257;
        for (int gid : groups.keySet()) {
            int n = 0;
            for (int g : shards) {
                if (g == gid) {
                    n++;
                }
            }
            if (n < leastCount) {
                leastCount = n;
                leastGid = gid;
            }
            if (n > mostCount) {
                mostCount = n;
                mostGid = gid;
            }
        }
        return new Load(mostGid, mostCount, leastGid, leastCount);
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    /**
     * Checks this configuration against the expected groups ({@code CheckConfig}).
     *
     * @return the first problem, in MIT's words ({@code wanted %v groups, got %v}, {@code missing group %v},
     *         {@code shard %v -> invalid group %v}, {@code max %v too much larger than min %v}), or empty
     */
    public Optional<String> checkConfig(List<Integer> expected) {
        if (groups.size() != expected.size()) {
            return Optional.of(String.format("wanted %d groups, got %d", expected.size(), groups.size()));
        }
        for (int g : expected) {
            if (!groups.containsKey(g)) {
                return Optional.of(String.format("missing group %d", g));
            }
        }
        if (!expected.isEmpty()) {
            for (int s = 0; s < NSHARDS; s++) {
                if (!groups.containsKey(shards[s])) {
                    return Optional.of(String.format("shard %d -> invalid group %d", s, shards[s]));
                }
            }
        }
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int g : shards) {
            counts.merge(g, 1, Integer::sum);
        }
        int min = 257;
        int max = 0;
        for (int g : groups.keySet()) {
            int c = counts.getOrDefault(g, 0);
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        if (max > min + 1) {
            return Optional.of(String.format("max %d too much larger than min %d", max, min));
        }
        return Optional.empty();
    }

    // ---- string form ------------------------------------------------------------------------------------------

    /**
     * {@return Go's JSON of this configuration}: fields {@code Num}, {@code Shards}, {@code Groups} in that order,
     * gids as decimal strings in ascending order, e.g.
     * {@code {"Num":1,"Shards":[1,1,1,1,1,1,1,1,1,1,1,1],"Groups":{"1":["server-1-0"]}}}.
     * {@link #fromString} reads it back; equal configurations give equal texts.
     */
    @Override
    public String toString() {
        ObjectNode root = JSON.createObjectNode();
        root.put("Num", num);
        ArrayNode sh = root.putArray("Shards");
        for (int g : shards) {
            sh.add(g);
        }
        ObjectNode gr = root.putObject("Groups");
        groups.forEach((gid, srvs) -> {
            ArrayNode a = gr.putArray(Integer.toString(gid));
            srvs.forEach(a::add);
        });
        return root.toString();
    }

    /**
     * {@return the configuration {@code s} encodes ({@code FromString})}
     *
     * @throws IllegalArgumentException ({@code Unmarshall err ...}) if {@code s} is not the {@link #toString()} of a
     *         configuration
     */
    public static ShardConfig fromString(String s) {
        Objects.requireNonNull(s, "FromString: text is null");
        try {
            JsonNode root = JSON.readTree(s);
            JsonNode n = root == null ? null : root.get("Num");
            JsonNode sh = root == null ? null : root.get("Shards");
            JsonNode gr = root == null ? null : root.get("Groups");
            if (n == null || !n.canConvertToInt() || sh == null || !sh.isArray() || sh.size() != NSHARDS
                    || gr == null || !(gr.isObject() || gr.isNull())) {
                throw new IllegalArgumentException("Unmarshall err: not a shard configuration (want Num, "
                        + NSHARDS + " Shards, Groups): " + s);
            }
            int[] shards = new int[NSHARDS];
            for (int i = 0; i < NSHARDS; i++) {
                if (!sh.get(i).canConvertToInt()) {
                    throw new IllegalArgumentException("Unmarshall err: shard " + i + " is not a gid: " + s);
                }
                shards[i] = sh.get(i).intValue();
            }
            SortedMap<Integer, List<String>> groups = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = gr.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> names = new ArrayList<>();
                if (!e.getValue().isArray()) {
                    throw new IllegalArgumentException("Unmarshall err: group " + e.getKey() + " has no server "
                            + "list: " + s);
                }
                e.getValue().forEach(v -> names.add(v.asText()));
                groups.put(Integer.parseInt(e.getKey()), List.copyOf(names));
            }
            return new ShardConfig(n.intValue(), shards, groups);
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new IllegalArgumentException("Unmarshall err " + e.getMessage() + ": " + s, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardConfig c && num == c.num && Arrays.equals(shards, c.shards)
                && groups.equals(c.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(num, Arrays.hashCode(shards), groups);
    }

    private static void checkShard(int shard) {
        if (shard < 0 || shard >= NSHARDS) {
            throw new IllegalArgumentException("shard " + shard + " is not in [0, " + NSHARDS + ")");
        }
    }
}
