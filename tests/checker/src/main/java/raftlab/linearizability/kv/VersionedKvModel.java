package raftlab.linearizability.kv;

import java.util.List;

import raftlab.linearizability.Model;
import raftlab.linearizability.Operation;
import raftlab.linearizability.Partitions;
import raftlab.linearizability.Step;

/**
 * MIT 6.5840's KV model ({@code models1/kv.go}), partitioned by key.
 *
 * <ul>
 *   <li>Get is legal iff the value matches. The version is not checked, as MIT does not; a Get of a missing key
 *       ({@code "", ErrNoKey}) matches the initial state.</li>
 *   <li>Put at the key's current version is legal iff it returned {@code OK} or {@code ErrMaybe}, and bumps the
 *       version. At any other version it is legal iff it returned {@code ErrVersion} or {@code ErrMaybe}, and changes
 *       nothing. So {@code ErrMaybe} is legal both as "applied" and as "not applied".</li>
 *   <li>One addition for calls that never returned ({@link KvOutput#unknown}): a Get answered {@code ErrMaybe} is
 *       legal in any state. The KV service never answers a Get with {@code ErrMaybe}, so this changes no verdict on
 *       answered calls.</li>
 * </ul>
 */
public final class VersionedKvModel implements Model<KvState, KvInput, KvOutput> {

    @Override
    public KvState init() {
        return KvState.INITIAL;
    }

    @Override
    public Step<KvState> step(KvState state, KvInput input, KvOutput output) {
        return switch (input) {
            case KvInput.Get get -> {
                KvOutput.GetResult result = (KvOutput.GetResult) output;
                yield Step.legalIf(result.err() == Err.ErrMaybe || result.value().equals(state.value()), state);
            }
            case KvInput.Put put -> {
                Err err = output.err();
                if (put.version() == state.version()) {
                    yield Step.legalIf(err == Err.OK || err == Err.ErrMaybe,
                            new KvState(put.value(), state.version() + 1));
                }
                yield Step.legalIf(err == Err.ErrVersion || err == Err.ErrMaybe, state);
            }
        };
    }

    @Override
    public List<List<Operation<KvInput, KvOutput>>> partition(List<Operation<KvInput, KvOutput>> history) {
        return Partitions.byKey(history, KvInput::key);
    }

    @Override
    public void validate(KvInput input, KvOutput output) {
        Model.super.validate(input, output);
        if (input.key() == null) {
            throw new IllegalArgumentException("key is null in " + input);
        }
        if (output.err() == null) {
            throw new IllegalArgumentException("err is null in " + output);
        }
        switch (input) {
            case KvInput.Get get -> {
                if (!(output instanceof KvOutput.GetResult result)) {
                    throw new IllegalArgumentException("a Get needs a GetResult, got " + output);
                }
                if (result.value() == null) {
                    throw new IllegalArgumentException("value is null in " + output);
                }
            }
            case KvInput.Put put -> {
                if (put.value() == null) {
                    throw new IllegalArgumentException("value is null in " + input);
                }
                if (!(output instanceof KvOutput.PutResult)) {
                    throw new IllegalArgumentException("a Put needs a PutResult, got " + output);
                }
            }
        }
    }

    @Override
    public String describeOperation(KvInput input, KvOutput output) {
        return switch (input) {
            case KvInput.Get get -> {
                KvOutput.GetResult r = (KvOutput.GetResult) output;
                yield "get('" + get.key() + "') -> ('" + r.value() + "', '" + r.version() + "', '" + r.err() + "')";
            }
            case KvInput.Put put ->
                    "put('" + put.key() + "', '" + put.value() + "', '" + put.version() + "') -> ('" + output.err()
                            + "')";
        };
    }

    @Override
    public String describeState(KvState state) {
        return "('" + state.value() + "', " + state.version() + ")";
    }
}
