package raftlab.linearizability.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import raftlab.linearizability.Operation;

/**
 * Small random histories of the versioned KV service, made by running a sequential KV and giving each operation an
 * interval around the moment it took effect. So they are linearizable by construction, until mutated.
 *
 * <p>Times are drawn from a narrow range on purpose: many operations share timestamps, some have zero duration, and
 * intervals touch, which is where closed-interval handling goes wrong.
 */
public final class RandomKvHistories {

    private static final String[] VALUES = {"a", "b", "c"};

    private RandomKvHistories() {}

    /** {@return a linearizable history of {@code ops} operations by up to {@code clients} clients on up to {@code keys}} */
    public static List<Operation<KvInput, KvOutput>> legal(Random random, int ops, int clients, int keys) {
        Map<String, KvState> store = new HashMap<>();
        long[] lastReturn = new long[clients];
        List<Operation<KvInput, KvOutput>> history = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < ops; i++) {
            now += random.nextInt(4); // the moment this operation takes effect; equal moments happen
            int client = random.nextInt(clients);
            if (lastReturn[client] > now) {
                now = lastReturn[client]; // a client's calls are sequential
            }
            String key = "k" + random.nextInt(keys);
            KvState state = store.getOrDefault(key, new KvState("", 0));
            KvInput input;
            KvOutput output;
            if (random.nextBoolean()) {
                input = new KvInput.Get(key);
                output = new KvOutput.GetResult(state.value(), state.version(),
                        state.version() == 0 ? Err.ErrNoKey : Err.OK);
            } else {
                long version = random.nextInt(3) == 0 ? random.nextInt(3) : state.version();
                boolean applies = version == state.version();
                input = new KvInput.Put(key, VALUES[random.nextInt(VALUES.length)], version);
                // ErrMaybe: a retried Put; legal whether or not it applied.
                Err err = random.nextInt(5) == 0 ? Err.ErrMaybe : applies ? Err.OK : Err.ErrVersion;
                output = new KvOutput.PutResult(err);
                if (applies) {
                    store.put(key, new KvState(((KvInput.Put) input).value(), state.version() + 1));
                }
            }
            long call = zeroOr(random, Math.max(lastReturn[client], now - random.nextInt(7)), now);
            long ret = zeroOr(random, now + random.nextInt(7), now);
            if (random.nextInt(12) == 0) {
                history.add(Operation.neverReturned(client, input, call, KvOutput.unknown(input)));
                lastReturn[client] = Long.MAX_VALUE / 2; // this client is stuck for good
                if (allStuck(lastReturn)) {
                    break;
                }
            } else {
                history.add(new Operation<>(client, input, call, output, ret));
                lastReturn[client] = ret;
            }
        }
        // Recording order is not time order in a real recorder either.
        java.util.Collections.shuffle(history, random);
        return history;
    }

    /** How {@link #mutate} may change a history. */
    public enum Mutation { GET_VALUE, PUT_ERROR, MOVED_IN_TIME }

    /**
     * {@return the history with one operation changed so that it may no longer be linearizable}: a Get's value
     * replaced, a Put's OK/ErrVersion flipped, or an operation moved in time (then it can only be illegal through
     * real-time order). A history without the operation kind needed is moved in time instead.
     */
    public static List<Operation<KvInput, KvOutput>> mutate(Random random, List<Operation<KvInput, KvOutput>> history,
                                                            Mutation mutation) {
        List<Operation<KvInput, KvOutput>> mutated = new ArrayList<>(history);
        List<Integer> gets = new ArrayList<>();
        List<Integer> puts = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (!history.get(i).pending()) {
                (history.get(i).input() instanceof KvInput.Get ? gets : puts).add(i);
            }
        }
        if (history.isEmpty()) {
            return mutated;
        }
        if (mutation == Mutation.GET_VALUE && !gets.isEmpty()) {
            int i = gets.get(random.nextInt(gets.size()));
            Operation<KvInput, KvOutput> op = history.get(i);
            KvOutput.GetResult r = (KvOutput.GetResult) op.output();
            String value = random.nextInt(4) == 0 ? "" : VALUES[random.nextInt(VALUES.length)];
            mutated.set(i, withOutput(op, new KvOutput.GetResult(value, r.version(), r.err())));
        } else if (mutation == Mutation.PUT_ERROR && !puts.isEmpty()) {
            int i = puts.get(random.nextInt(puts.size()));
            Operation<KvInput, KvOutput> op = history.get(i);
            mutated.set(i, withOutput(op, new KvOutput.PutResult(flip(op.output().err()))));
        } else {
            int i = random.nextInt(history.size());
            Operation<KvInput, KvOutput> op = history.get(i);
            long call = random.nextInt(30);
            long ret = op.pending() ? Operation.NEVER : call + random.nextInt(4);
            mutated.set(i, new Operation<>(op.clientId(), op.input(), call, op.output(), ret));
        }
        return mutated;
    }

    private static Err flip(Err err) {
        return switch (err) {
            case OK -> Err.ErrVersion;
            case ErrVersion -> Err.OK;
            default -> err;
        };
    }

    private static Operation<KvInput, KvOutput> withOutput(Operation<KvInput, KvOutput> op, KvOutput output) {
        return new Operation<>(op.clientId(), op.input(), op.call(), output, op.returned());
    }

    /** One time in four, the interval end collapses onto the effect moment (zero duration when both do). */
    private static long zeroOr(Random random, long t, long now) {
        return random.nextInt(4) == 0 ? now : t;
    }

    private static boolean allStuck(long[] lastReturn) {
        for (long t : lastReturn) {
            if (t < Long.MAX_VALUE / 2) {
                return false;
            }
        }
        return true;
    }
}
