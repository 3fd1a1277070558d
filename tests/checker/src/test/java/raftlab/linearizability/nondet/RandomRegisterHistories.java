package raftlab.linearizability.nondet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import raftlab.linearizability.Operation;

/**
 * Small random register histories: clients call one after another on their own timeline, with coarse times (so
 * timestamps are often shared), some writes never return, and each effect happens at a random moment inside its
 * interval, with a random outcome for a {@link RegisterOp.WriteEither}. Reads report what the registers held, so the
 * history is linearizable; {@link #corrupt} then changes one read to make most of them not.
 */
final class RandomRegisterHistories {

    private RandomRegisterHistories() {}

    static List<Operation<RegisterOp, Integer>> legal(Random random, int ops, int clients, int keys) {
        record Planned(int client, RegisterOp input, long call, long returned, long effect, boolean takesEffect) {}
        List<Planned> planned = new ArrayList<>();
        long[] clock = new long[clients];
        for (int i = 0; i < ops; i++) {
            int client = random.nextInt(clients);
            int key = random.nextInt(keys);
            RegisterOp input = switch (random.nextInt(4)) {
                case 0 -> new RegisterOp.Write(key, random.nextInt(4));
                case 1 -> {
                    int a = random.nextInt(4);
                    yield new RegisterOp.WriteEither(key, a, a + 1 + random.nextInt(3));
                }
                case 2 -> new RegisterOp.Increment(key);
                default -> new RegisterOp.Read(key);
            };
            long call = clock[client] + random.nextInt(3);
            long returned = call + random.nextInt(4);
            boolean neverReturns = !(input instanceof RegisterOp.Read) && random.nextInt(8) == 0;
            long effect = call + (returned == call ? 0 : random.nextLong(returned - call + 1));
            planned.add(new Planned(client, input, call, neverReturns ? Operation.NEVER : returned, effect,
                    !neverReturns || random.nextBoolean()));
            // A client whose call never returned stays blocked in reality; here it just moves on, which is legal too.
            clock[client] = returned + 1;
        }
        List<Planned> byEffect = new ArrayList<>(planned);
        byEffect.sort(Comparator.comparingLong(Planned::effect));
        Map<Planned, Integer> outputs = new HashMap<>();
        Map<Integer, Integer> regs = new HashMap<>();
        for (Planned p : byEffect) {
            int key = p.input().key();
            int value = regs.getOrDefault(key, 0);
            switch (p.input()) {
                case RegisterOp.Read r -> outputs.put(p, value);
                case RegisterOp.Write w -> regs.put(key, p.takesEffect() ? w.value() : value);
                case RegisterOp.WriteEither e -> regs.put(key,
                        !p.takesEffect() ? value : random.nextBoolean() ? e.a() : e.b());
                case RegisterOp.Increment inc -> regs.put(key, p.takesEffect() ? value + 1 : value);
            }
        }
        List<Operation<RegisterOp, Integer>> history = new ArrayList<>();
        for (Planned p : planned) {
            history.add(new Operation<>(p.client(), p.input(), p.call(), outputs.getOrDefault(p, 0), p.returned()));
        }
        return history;
    }

    /** {@return the history with one read (if any) answering a random value instead} */
    static List<Operation<RegisterOp, Integer>> corrupt(Random random, List<Operation<RegisterOp, Integer>> history) {
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).input() instanceof RegisterOp.Read) {
                reads.add(i);
            }
        }
        if (reads.isEmpty()) {
            return history;
        }
        List<Operation<RegisterOp, Integer>> corrupted = new ArrayList<>(history);
        int i = reads.get(random.nextInt(reads.size()));
        Operation<RegisterOp, Integer> op = history.get(i);
        corrupted.set(i, new Operation<>(op.clientId(), op.input(), op.call(), random.nextInt(6), op.returned()));
        return corrupted;
    }
}
