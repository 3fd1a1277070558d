package raftlab.linearizability.kvlog;

/** The labels and input checks both kv log models share. */
final class LogKvDescriptions {

    private LogKvDescriptions() {}

    static String describe(LogKvInput input, LogKvOutput output) {
        return switch (input) {
            case LogKvInput.Get get -> "get('" + get.key() + "') -> "
                    + (output.value() == null ? "?" : "'" + output.value() + "'");
            case LogKvInput.Put put -> "put('" + put.key() + "', '" + put.value() + "')";
            case LogKvInput.Append append -> "append('" + append.key() + "', '" + append.value() + "')";
        };
    }

    static void validate(LogKvInput input) {
        if (input.key() == null) {
            throw new IllegalArgumentException("key is null in " + input);
        }
        String value = switch (input) {
            case LogKvInput.Get get -> "";
            case LogKvInput.Put put -> put.value();
            case LogKvInput.Append append -> append.value();
        };
        if (value == null) {
            throw new IllegalArgumentException("value is null in " + input);
        }
    }
}
