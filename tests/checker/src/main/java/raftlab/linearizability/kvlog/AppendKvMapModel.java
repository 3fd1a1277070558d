package raftlab.linearizability.kvlog;

import java.util.HashMap;
import java.util.Map;

import raftlab.linearizability.Model;
import raftlab.linearizability.Step;

/**
 * Porcupine's {@code kvNoPartitionModel}: no partitioning, the state is the whole map. Every write copies the map.
 * It is the slow way on purpose: it shows what partitioning by key saves (c10 histories take seconds this way,
 * milliseconds partitioned). A missing key reads as {@code ""}.
 */
public final class AppendKvMapModel implements Model<AppendKvMapModel.MapState, LogKvInput, LogKvOutput> {

    /**
     * An immutable map with its hash kept up to date on each write (XOR of one hash per entry, so independent of
     * order), so hashing a state in the memo costs nothing and unequal states rarely need comparing.
     */
    public record MapState(Map<String, String> map, long hash) {

        public MapState {
            map = Map.copyOf(map);
        }

        String get(String key) {
            return map.getOrDefault(key, "");
        }

        MapState with(String key, String value) {
            String old = map.get(key);
            Map<String, String> copy = new HashMap<>(map);
            copy.put(key, value);
            long h = hash ^ entryHash(key, value);
            if (old != null) {
                h ^= entryHash(key, old);
            }
            return new MapState(copy, h);
        }

        static long entryHash(String key, String value) {
            long h = key.hashCode() * 0x9E3779B97F4A7C15L + value.hashCode();
            return h * 0xff51afd7ed558ccdL ^ (h >>> 29);
        }
    }

    private static final MapState EMPTY = new MapState(Map.of(), 0);

    @Override
    public MapState init() {
        return EMPTY;
    }

    @Override
    public Step<MapState> step(MapState state, LogKvInput input, LogKvOutput output) {
        return switch (input) {
            case LogKvInput.Get get ->
                    Step.legalIf(output.value() == null || output.value().equals(state.get(get.key())), state);
            case LogKvInput.Put put -> Step.to(state.with(put.key(), put.value()));
            case LogKvInput.Append append ->
                    Step.to(state.with(append.key(), state.get(append.key()).concat(append.value())));
        };
    }

    @Override
    public boolean equal(MapState a, MapState b) {
        return a.hash() == b.hash() && a.map().equals(b.map());
    }

    @Override
    public long hash(MapState state) {
        return state.hash();
    }

    @Override
    public void validate(LogKvInput input, LogKvOutput output) {
        Model.super.validate(input, output);
        LogKvDescriptions.validate(input);
    }

    @Override
    public String describeOperation(LogKvInput input, LogKvOutput output) {
        return LogKvDescriptions.describe(input, output);
    }

    @Override
    public String describeState(MapState state) {
        return new java.util.TreeMap<>(state.map()).toString();
    }
}
