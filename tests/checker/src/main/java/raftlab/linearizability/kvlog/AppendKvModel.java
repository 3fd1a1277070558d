package raftlab.linearizability.kvlog;

import java.util.List;

import raftlab.linearizability.Model;
import raftlab.linearizability.Operation;
import raftlab.linearizability.Partitions;
import raftlab.linearizability.Step;

/**
 * Porcupine's {@code kvModel}: the history partitioned by key, each key's state one string. Get is legal iff it read
 * the string; Put replaces it; Append extends it. Strings cache their hash, so the memo's hashing is cheap.
 */
public final class AppendKvModel implements Model<String, LogKvInput, LogKvOutput> {

    @Override
    public String init() {
        return "";
    }

    @Override
    public Step<String> step(String state, LogKvInput input, LogKvOutput output) {
        return switch (input) {
            case LogKvInput.Get get -> Step.legalIf(output.value() == null || output.value().equals(state), state);
            case LogKvInput.Put put -> Step.to(put.value());
            case LogKvInput.Append append -> Step.to(state.concat(append.value()));
        };
    }

    @Override
    public List<List<Operation<LogKvInput, LogKvOutput>>> partition(
            List<Operation<LogKvInput, LogKvOutput>> history) {
        return Partitions.byKey(history, LogKvInput::key);
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
    public String describeState(String state) {
        return "'" + state + "'";
    }
}
