//+solution-file
package raftlab.shardkv.shardctrler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import raftlab.kvsrv.KVServer;
import raftlab.kvsrv.KvsrvRpc;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.RpcMethod;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.shardkv.shardcfg.Dialer;
import raftlab.shardkv.shardcfg.ShardConfig;
import raftlab.shardkv.shardgrp.StoreServer;

/**
 * Racing controllers, directed (raftlab's own; found by a soak of TestAcquireLockConcurrentUnreliable5C, where
 * {@code Get(k4)} answered ErrNoKey). A controller's {@code InitController} reads the configuration store more than
 * once; between two of its reads, other controllers may finish one change and make the next. Whatever it then
 * does, no key may be lost. The late controller here is held before its n-th call to the configuration store while
 * the administrator joins group 2 (configuration 2) and group 3 (configuration 3), which leaves some shards that
 * were group 1's in configuration 1 on group 2 in configuration 3.
 *
 * <p>Shard groups are one Raft-less {@link StoreServer} each, so the run is the same every time.
 */
class ShardCtrlerRaceTest {

    private static final int NKEYS = 60;

    private Network net;
    private final Map<Integer, StoreServer> groups = new HashMap<>();
    private final AtomicInteger ends = new AtomicInteger();

    @BeforeEach
    void startServers() {
        net = new Network();
        net.addServer(ShardCtrler.CONFIG_SERVER, new Server().addService(Service.of("KVServer", KVServer.make())));
        for (int gid = 1; gid <= 3; gid++) {
            StoreServer g = new StoreServer(gid);
            groups.put(gid, g);
            net.addServer(serverOf(gid), new Server().addService(Service.of("KVServer", g)));
        }
    }

    @AfterEach
    void stopNetwork() {
        net.cleanup();
    }

    private static String serverOf(int gid) {
        return "server-" + gid + "-0";
    }

    /** A fresh client's dialer; {@code beforeStoreCall} (if not null) runs before its n-th configuration-store call. */
    private Dialer dialer(IntConsumer beforeStoreCall) {
        Map<String, ClientEnd> made = new HashMap<>();
        AtomicInteger storeCalls = new AtomicInteger();
        return server -> made.computeIfAbsent(server, s -> {
            String name = "end-" + ends.incrementAndGet() + "-" + s;
            ClientEnd end = net.makeEnd(name);
            net.connect(name, s);
            net.enable(name, true);
            if (beforeStoreCall == null || !s.equals(ShardCtrler.CONFIG_SERVER)) {
                return end;
            }
            return ClientEnd.over(name + "-held", (method, request) -> {
                beforeStoreCall.accept(storeCalls.incrementAndGet());
                return method.equals(KvsrvRpc.GET.name())
                        ? forward(end, KvsrvRpc.GET, request)
                        : forward(end, KvsrvRpc.PUT, request);
            });
        });
    }

    private static <A, R> Optional<byte[]> forward(ClientEnd end, RpcMethod<A, R> method, byte[] request) {
        return end.call(method, Codec.decode(request, method.argsType())).map(Codec::encode);
    }

    private static void join(ShardCtrler ctrl, int gid) {
        ShardConfig next = ctrl.query().copy();
        assertThat(next.joinBalance(Map.of(gid, List.of(serverOf(gid))))).isTrue();
        ctrl.changeConfigTo(next);
        assertThat(ctrl.query().num()).isEqualTo(next.num());
    }

    @ParameterizedTest(name = "configurations 2 and 3 made before the late controller's store call {0}")
    @ValueSource(ints = {1, 2})
    void aLateInitControllerLosesNoKey(int heldCall) {
        ShardCtrler admin = new ShardCtrler(dialer(null));
        ShardConfig first = ShardConfig.make();
        first.joinBalance(Map.of(ShardConfig.GID1, List.of(serverOf(ShardConfig.GID1))));
        admin.initConfig(first);
        for (int i = 0; i < NKEYS; i++) {
            assertThat(groups.get(ShardConfig.GID1).putNew("k" + i, "v" + i)).isEqualTo("OK");
        }

        ShardCtrler late = new ShardCtrler(dialer(n -> {
            if (n == heldCall) {
                join(admin, 2);
                join(admin, 3);
            }
        }));
        late.initController();

        ShardConfig now = admin.query();
        assertThat(now.num()).isEqualTo(3);
        for (int i = 0; i < NKEYS; i++) {
            String key = "k" + i;
            int owner = now.shard(ShardConfig.key2shard(key));
            assertThat(groups.get(owner).read(key))
                    .as("Get(%s) at its owner %d in configuration 3", key, owner)
                    .isEqualTo("v" + i + "@1");
        }
    }
}
