package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.persist.Persister;

/** The server group's links, crashes and restarts, observed through real calls on the simulated network. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerGroupTest {

    @RegisterExtension
    final TesterExtension tester = new TesterExtension();

    /** An RPC service that answers pings, and remembers what the group handed it. */
    public static final class Echo implements TestService {
        final List<ClientEnd> ends;
        final Persister persister;
        volatile boolean killed;

        Echo(List<ClientEnd> ends, Persister persister) {
            this.ends = ends;
            this.persister = persister;
        }

        @Rpc
        public Integer ping(Integer x) {
            return x;
        }

        @Override
        public void kill() {
            killed = true;
        }
    }

    private final Map<Integer, Echo> latest = new ConcurrentHashMap<>();

    private Config start(int n) {
        return tester.makeConfig(n, true, (ends, gid, me, persister) -> {
            Echo echo = new Echo(ends, persister);
            latest.put(me, echo);
            return List.of(TestService.exported("Echo", echo, echo::kill));
        });
    }

    /** {@return links[i][j]: whether server i's call to server j goes through} */
    private boolean[][] links(int n) {
        boolean[][] links = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                links[i][j] = latest.get(i).ends.get(j).call("Echo.ping", 7, Integer.class).isPresent();
            }
        }
        return links;
    }

    private static boolean[][] expected(int n, int[] p1, int[] p2) {
        boolean[][] links = new boolean[n][n];
        for (int[] side : new int[][] {p1, p2}) {
            for (int i : side) {
                for (int j : side) {
                    links[i][j] = true;
                }
            }
        }
        return links;
    }

    @Test
    void startedGroupIsFullyConnected() {
        start(3);

        assertThat(links(3)).isDeepEqualTo(expected(3, new int[] {0, 1, 2}, new int[0]));
    }

    @Test
    void partitionEnablesExactlyTheLinksInsideEachSide() {
        Config cfg = start(5);
        ServerGroup g = cfg.group(Config.GRP0);

        int[][] parts = g.makePartition(1);
        assertThat(parts[0]).containsExactly(0, 2, 3);
        assertThat(parts[1]).containsExactly(4, 1);
        g.partition(parts[0], parts[1]);

        assertThat(links(5)).isDeepEqualTo(expected(5, parts[0], parts[1]));
    }

    @Test
    void partitionWithAllOnOneSideHeals() {
        Config cfg = start(5);
        ServerGroup g = cfg.group(Config.GRP0);
        g.partition(new int[] {0, 2, 3}, new int[] {4, 1});

        g.partition(new int[] {0, 1, 2, 3, 4}, new int[0]);

        assertThat(links(5)).isDeepEqualTo(expected(5, new int[] {0, 1, 2, 3, 4}, new int[0]));
    }

    @Test
    void disconnectAllCutsOneServerOffAndConnectOneBringsItBack() {
        Config cfg = start(3);
        ServerGroup g = cfg.group(Config.GRP0);

        g.disconnectAll(1);
        assertThat(g.isConnected(1)).isFalse();
        boolean[][] cut = links(3);
        assertThat(cut[0]).containsExactly(true, false, true);
        assertThat(cut[1]).containsExactly(false, false, false);
        assertThat(cut[2]).containsExactly(true, false, true);

        g.connectOne(1);
        assertThat(links(3)).isDeepEqualTo(expected(3, new int[] {0, 1, 2}, new int[0]));
    }

    @Test
    void restartKeepsPersistedStateAndOrphansTheCrashedInstancesPersister() {
        Config cfg = start(3);
        ServerGroup g = cfg.group(Config.GRP0);
        Echo first = latest.get(2);
        first.persister.save(new byte[] {1, 2, 3}, new byte[] {9});

        g.shutdownServer(2);
        // the dead instance keeps saving, into a persister nobody reads any more.
        first.persister.save(new byte[] {6, 6, 6}, null);
        g.startServer(2);
        g.connectAll();

        Echo second = latest.get(2);
        assertThat(first.killed).isTrue();
        assertThat(second).isNotSameAs(first);
        assertThat(second.persister).isNotSameAs(first.persister);
        assertThat(second.persister.readRaftState()).containsExactly(1, 2, 3);
        assertThat(second.persister.readSnapshot()).containsExactly(9);
        assertThat(g.logSize()).isEqualTo(3);
        assertThat(g.snapshotSize()).isEqualTo(1);
        assertThat(links(3)).isDeepEqualTo(expected(3, new int[] {0, 1, 2}, new int[0]));
    }

    @Test
    void crashedServerCanNotBeReachedUntilRestarted() {
        Config cfg = start(3);
        ServerGroup g = cfg.group(Config.GRP0);
        Echo survivor = latest.get(0);

        g.shutdownServer(1);
        g.connectAll();     // marks the dead server connected, as MIT's does; it still cannot answer

        assertThat(g.isRunning(1)).isFalse();
        assertThat(survivor.ends.get(1).call("Echo.ping", 1, Integer.class)).isEmpty();
        assertThatThrownBy(() -> g.startServer(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutdownServer(0) first");
    }

    @Test
    void restartedServerGetsFreshEnds() {
        Config cfg = start(3);
        ServerGroup g = cfg.group(Config.GRP0);
        List<String> before = new ArrayList<>();
        latest.get(1).ends.forEach(e -> before.add(e.name()));

        g.shutdownServer(1);
        g.startServer(1);
        g.connectAll();

        List<String> after = latest.get(1).ends.stream().map(ClientEnd::name).toList();
        assertThat(after).hasSize(3).doesNotContainAnyElementsOf(before);
        assertThat(after).allSatisfy(name -> assertThat(name).hasSize(20));
    }

    @Test
    void clientEndsAreLazyAndLimitedToAllowedServers() {
        Config cfg = start(3);
        ServerGroup g = cfg.group(Config.GRP0);
        Client only0 = cfg.clients().makeClientTo(g.serverNamesTo(0));

        assertThat(only0.call(g.serverName(0), "Echo.ping", 5, Integer.class)).contains(5);
        assertThat(only0.call(g.serverName(1), "Echo.ping", 5, Integer.class)).isEmpty();

        only0.connectAll();
        assertThat(only0.call(g.serverName(1), "Echo.ping", 5, Integer.class)).contains(5);
    }

    @Test
    void timelineRecordsFaults() {
        Config cfg = start(3);
        ServerGroup g = cfg.group(Config.GRP0);

        g.disconnectAll(2);
        g.shutdownServer(0);
        g.startServer(0);
        g.connectAll();

        assertThat(cfg.timeline().events()).extracting(TimelineEvent::description)
                .contains("partition = [2] [0 1]", "partition = [2] [1] / crash = [0]");
    }
}
