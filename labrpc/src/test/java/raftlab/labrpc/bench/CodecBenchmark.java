package raftlab.labrpc.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import raftlab.labrpc.codec.Codec;

/**
 * Our codec against java.io serialization on an AppendEntries-sized message: ns per encode, decode and round trip
 * (median of 5 batches after warm-up), and encoded bytes. Not a test: run with
 * {@code scripts/bench labrpc raftlab.labrpc.bench.CodecBenchmark [warmup] [batch]}.
 */
public final class CodecBenchmark {

    record Entry(int term, Object command) implements Serializable {}

    record Put(String key, String value) implements Serializable {}

    record Get(String key) implements Serializable {}

    record AppendEntries(int term, int leaderId, int prevLogIndex, int prevLogTerm, List<Entry> entries,
                         int leaderCommit) implements Serializable {}

    /** One codec under test: encode, and decode what it encoded. */
    record Subject(String name, Function<Object, byte[]> encode, Function<byte[], Object> decode) {}

    private static volatile long sink;   // keeps the JIT from discarding results

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        AppendEntries message = message();

        List<Subject> subjects = List.of(
                new Subject("raftlab Codec", Codec::encode, b -> Codec.decode(b, AppendEntries.class)),
                new Subject("java.io serialization", CodecBenchmark::javaEncode, CodecBenchmark::javaDecode));

        System.out.printf("AppendEntries with %d entries; warm-up %,d, then median of 5 batches of %,d; %s %s%n",
                message.entries().size(), warmup, batch, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.printf("%-22s %10s %10s %12s %8s%n", "codec", "encode ns", "decode ns", "round trip", "bytes");
        for (Subject s : subjects) {
            byte[] bytes = s.encode().apply(message);
            if (!message.equals(s.decode().apply(bytes))) {
                throw new AssertionError(s.name() + " does not round-trip");
            }
            ToIntFunction<Object> encode = m -> s.encode().apply(m).length;
            ToIntFunction<Object> decode = b -> s.decode().apply((byte[]) b).hashCode();
            ToIntFunction<Object> roundTrip = m -> s.decode().apply(s.encode().apply(m)).hashCode();
            double encodeNs = measure(encode, message, warmup, batch);
            double decodeNs = measure(decode, bytes, warmup, batch);
            double roundTripNs = measure(roundTrip, message, warmup, batch);
            System.out.printf("%-22s %10.0f %10.0f %12.0f %8d%n", s.name(), encodeNs, decodeNs, roundTripNs,
                    bytes.length);
        }
    }

    private static double measure(ToIntFunction<Object> op, Object input, int warmup, int batch) {
        long acc = 0;
        for (int i = 0; i < warmup; i++) {
            acc += op.applyAsInt(input);
        }
        double[] nsPerOp = new double[5];
        for (int b = 0; b < nsPerOp.length; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                acc += op.applyAsInt(input);
            }
            nsPerOp[b] = (double) (System.nanoTime() - start) / batch;
        }
        sink += acc;
        Arrays.sort(nsPerOp);
        return nsPerOp[nsPerOp.length / 2];
    }

    /** Ten entries whose commands are small records, Integers and short Strings, as in the Raft and KV labs. */
    private static AppendEntries message() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Object command = switch (i % 4) {
                case 0 -> new Put("k" + i, "value-" + i);
                case 1 -> 1000 + i;
                case 2 -> "cmd-" + i;
                default -> new Get("k" + i);
            };
            entries.add(new Entry(5, command));
        }
        return new AppendEntries(5, 1, 120, 4, entries, 118);
    }

    private static byte[] javaEncode(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object javaDecode(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
