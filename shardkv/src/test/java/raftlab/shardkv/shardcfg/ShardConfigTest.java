package raftlab.shardkv.shardcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The configuration package: MIT's {@code shardcfg_test.go TestBasic}, then (ours) the reference's test vectors
 * for key2shard, the string form and every join/leave sequence the graded tests go through.
 */
class ShardConfigTest {

    private static List<String> servers(int gid) {
        return List.of("server-" + gid + "-0", "server-" + gid + "-1", "server-" + gid + "-2");
    }

    private static void check(ShardConfig cfg, Integer... groups) {
        assertThat(cfg.checkConfig(List.of(groups))).as("CheckConfig").isEmpty();
    }

    private static int[] shards(String owners) {
        return java.util.Arrays.stream(owners.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    /** MIT's TestBasic. */
    @Test
    void basic() {
        ShardConfig cfg = ShardConfig.make();
        check(cfg);

        cfg.joinBalance(Map.of(1, List.of("x", "y", "z")));
        check(cfg, 1);

        cfg.joinBalance(Map.of(2, List.of("a", "b", "c")));
        check(cfg, 1, 2);

        assertThat(cfg.servers(1)).as("wrong servers for gid 1").contains(List.of("x", "y", "z"));
        assertThat(cfg.servers(2)).as("wrong servers for gid 2").contains(List.of("a", "b", "c"));

        cfg.leaveBalance(List.of(1));
        check(cfg, 2);

        cfg.leaveBalance(List.of(2));
        check(cfg);
        assertThat(cfg.shards()).containsOnly(0);
    }

    // ---- ours: the reference's vectors --------------------------------------------------------------------------

    @Test
    void key2shardIsUnsignedFnv1aModTwelve() {
        assertThat(ShardConfig.fnv1a32("")).isEqualTo(0x811c9dc5);
        assertThat(ShardConfig.fnv1a32("a")).isEqualTo(0xe40c292c);
        assertThat(ShardConfig.fnv1a32("k0")).isEqualTo(0x973d7f2e).isNegative();
        assertThat(ShardConfig.key2shard("k0")).isEqualTo(10);

        int[] expected = shards("""
                10  9  0 11  6  5  8  7  6  5   7  8  5  6  3  4  1  2 11  0
                 4  3  2  1  0 11 10  9  0 11   9 10 11  0  5  6  7  8  5  6
                10  9  0 11  6  5  8  7  6  5   3  4  1  2  7  8  5  6 11  0
                """);
        int[] actual = IntStream.range(0, 60).map(i -> ShardConfig.key2shard("k" + i)).toArray();
        assertThat(actual).containsExactly(expected);

        int[] perShard = new int[ShardConfig.NSHARDS];
        for (int s : actual) {
            perShard[s]++;
        }
        assertThat(perShard).containsExactly(7, 3, 3, 3, 3, 8, 8, 5, 5, 4, 4, 7);
    }

    @Test
    void stringFormIsGosJsonAndRoundTrips() {
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(1, servers(1)));
        String text = cfg.toString();
        assertThat(text).isEqualTo("{\"Num\":1,\"Shards\":[1,1,1,1,1,1,1,1,1,1,1,1],"
                + "\"Groups\":{\"1\":[\"server-1-0\",\"server-1-1\",\"server-1-2\"]}}");
        assertThat(ShardConfig.fromString(text)).isEqualTo(cfg);

        cfg.joinBalance(Map.of(10, servers(10)));
        cfg.joinBalance(Map.of(2, servers(2)));
        assertThat(cfg.toString()).contains("\"Groups\":{\"1\":").contains("],\"2\":").contains("],\"10\":");
        assertThat(ShardConfig.fromString(cfg.toString())).isEqualTo(cfg);
        assertThat(ShardConfig.fromString(ShardConfig.make().toString())).isEqualTo(ShardConfig.make());
    }

    @Test
    void joinsAndLeavesOfTheGradedTestsGiveTheReferenceVectors() {
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(1, servers(1)));
        assertThat(cfg.num()).isEqualTo(1);
        assertThat(cfg.shards()).containsExactly(shards("1 1 1 1 1 1 1 1 1 1 1 1"));

        ShardConfig two = cfg.copy();
        two.joinBalance(Map.of(2, servers(2)));
        assertThat(two.num()).isEqualTo(2);
        assertThat(two.shards()).containsExactly(shards("2 2 2 2 2 2 1 1 1 1 1 1"));
        two.leaveBalance(List.of(1));
        assertThat(two.num()).isEqualTo(3);
        assertThat(two.shards()).containsExactly(shards("2 2 2 2 2 2 2 2 2 2 2 2"));
        two.joinBalance(Map.of(1, servers(1)));
        assertThat(two.num()).isEqualTo(4);
        assertThat(two.shards()).containsExactly(shards("1 1 1 1 1 1 2 2 2 2 2 2"));

        List<String> steps = List.of(
                "3 3 2 2 2 2 3 3 1 1 1 1",   // join 2, 3 (from Num 1: after 3)
                "4 3 4 2 2 2 3 3 4 1 1 1",
                "4 3 4 5 2 2 3 3 4 5 1 1",
                "6 6 4 5 2 2 3 3 4 5 1 1",
                "6 6 4 5 2 2 3 3 4 5 7 1",
                "6 6 4 5 8 2 3 3 4 5 7 1",
                "6 6 4 5 8 2 9 3 4 5 7 1",
                "6 6 4 5 8 1 9 3 4 5 7 1",   // leave 2
                "6 6 4 5 8 1 9 7 4 5 7 1",
                "6 6 8 5 8 1 9 7 9 5 7 1",
                "6 6 8 1 8 1 9 7 9 6 7 1",
                "7 8 8 1 8 1 9 7 9 9 7 1",
                "1 8 8 1 8 1 9 8 9 9 9 1",
                "1 1 9 1 1 1 9 9 9 9 9 1",
                "1 1 1 1 1 1 1 1 1 1 1 1");  // leave 9
        ShardConfig many = cfg.copy();
        many.joinBalance(Map.of(2, servers(2)));
        List<String> seen = new ArrayList<>();
        for (int gid = 3; gid <= 9; gid++) {
            many.joinBalance(Map.of(gid, servers(gid)));
            seen.add(render(many));
            assertThat(many.num()).isEqualTo(gid);
        }
        for (int gid = 2; gid <= 9; gid++) {
            many.leaveBalance(List.of(gid));
            seen.add(render(many));
            assertThat(many.num()).isEqualTo(8 + gid);
        }
        assertThat(seen).containsExactlyElementsOf(steps);
    }

    @Test
    void progressJoinConfigurations() {
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(1, servers(1)));
        for (int gid = 2; gid <= 5; gid++) {
            cfg.joinBalance(Map.of(gid, servers(gid)));
        }
        ShardConfig newcfg = cfg.copy();
        assertThat(newcfg.joinBalance(Map.of(7, List.of("xxx")))).isTrue();
        assertThat(newcfg.num()).isEqualTo(6);
        assertThat(render(newcfg)).isEqualTo("7 7 4 5 2 2 3 3 4 5 1 1");
        ShardConfig newcfg1 = newcfg.copy();
        assertThat(newcfg1.leaveBalance(List.of(7))).isTrue();
        assertThat(newcfg1.num()).isEqualTo(7);
        assertThat(render(newcfg1)).isEqualTo("1 2 4 5 2 2 3 3 4 5 1 1");
    }

    @Test
    void lookupsAndCopies() {
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(1, servers(1)));
        cfg.joinBalance(Map.of(2, servers(2)));
        assertThat(cfg.gidServers(0)).isEqualTo(new ShardConfig.GidServers(2, servers(2), true));
        assertThat(cfg.isMember(2)).isTrue();
        assertThat(cfg.isMember(3)).isFalse();

        ShardConfig copy = cfg.copy();
        copy.leaveBalance(List.of(2));
        assertThat(cfg.isMember(2)).as("the original is unchanged").isTrue();
        assertThat(ShardConfig.make().gidServers(0).ok()).isFalse();
    }

    @Test
    void refusedChangesReturnFalseWithoutChangingTheNumber() {
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(1, servers(1)));
        assertThat(cfg.joinBalance(Map.of(1, servers(1)))).isFalse();
        assertThat(cfg.leaveBalance(List.of(5))).isFalse();
        assertThat(cfg.num()).isEqualTo(1);
    }

    @Test
    void badInputIsRejectedWithTheCause() {
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(1, servers(1)));
        assertThatThrownBy(() -> cfg.join(Map.of())).hasMessageContaining("Join but no change");
        assertThatThrownBy(() -> cfg.join(Map.of(2, List.of()))).hasMessageContaining("group 2 has no servers");
        assertThatThrownBy(() -> cfg.join(Map.of(0, List.of("a")))).hasMessageContaining("not positive");
        assertThatThrownBy(() -> cfg.join(Map.of(2, List.of("server-1-1"))))
                .hasMessageContaining("puts server server-1-1 in groups 2 and 1");
        assertThatThrownBy(() -> cfg.leave(List.of())).hasMessageContaining("Leave but no change");
        assertThatThrownBy(() -> ShardConfig.fromString("{\"Num\":1}")).hasMessageContaining("Unmarshall err");
        assertThatThrownBy(() -> ShardConfig.fromString("not json")).hasMessageContaining("Unmarshall err");
        assertThatThrownBy(() -> cfg.shard(12)).hasMessageContaining("shard 12 is not in [0, 12)");
    }

    @Test
    void checkConfigReportsMitsMessages() {
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(1, servers(1)));
        assertThat(cfg.checkConfig(List.of(1, 2))).contains("wanted 2 groups, got 1");
        assertThat(cfg.checkConfig(List.of(2))).contains("missing group 2");
        cfg.join(Map.of(2, servers(2)));   // no rebalance: group 2 owns nothing
        assertThat(cfg.checkConfig(List.of(1, 2))).contains("max 12 too much larger than min 0");
    }

    private static String render(ShardConfig cfg) {
        return String.join(" ", IntStream.of(cfg.shards()).mapToObj(Integer::toString).toList());
    }
}
