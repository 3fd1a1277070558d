package raftlab.linearizability.kvlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import raftlab.linearizability.Event;

/** Porcupine's six recorded kv histories, shipped as test resources (MIT; see LICENSE.upstream.md beside them). */
public final class KvLogs {

    private KvLogs() {}

    /** {@return the events of {@code kv/<name>.txt}, e.g. {@code "c50-ok"}} */
    public static List<Event<LogKvInput, LogKvOutput>> load(String name) {
        String resource = "/porcupine/kv/" + name + ".txt";
        try (InputStream in = KvLogs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return KvLogParser.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
