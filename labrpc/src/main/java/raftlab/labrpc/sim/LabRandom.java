package raftlab.labrpc.sim;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The seeded random source of one test: every random decision of the network (drops, delays, reordering) and of
 * the tester draws from it, so the same seed and the same sequence of calls give the same decisions.
 *
 * <p>The seed comes from {@code -Dlab.seed=N} when given, otherwise from a secure source; the tester prints it when
 * a test fails so the failing schedule can be replayed.
 */
public final class LabRandom {

    /** The system property that fixes the seed. */
    public static final String SEED_PROPERTY = "lab.seed";

    private final long seed;
    private final Random random;

    /** A source that produces the same sequence for the same seed. */
    public LabRandom(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** {@return a source seeded from {@code -Dlab.seed}, or from a fresh secure seed when the property is unset} */
    public static LabRandom fromSystemProperty() {
        return new LabRandom(seedFromProperty());
    }

    /** {@return the seed from {@code -Dlab.seed}, or a fresh secure one when it is unset or empty} */
    public static long seedFromProperty() {
        String value = System.getProperty(SEED_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return new SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-D" + SEED_PROPERTY + "=" + value + " is not a number; pass the seed a failed test printed, "
                            + "e.g. -D" + SEED_PROPERTY + "=1234567", e);
        }
    }

    /** {@return the seed this source started from} */
    public long seed() {
        return seed;
    }

    /** {@return a uniform integer in {@code [0, bound)}}, like Go's {@code rand.Int() % bound} without its bias */
    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** {@return a uniform long} */
    public synchronized long nextLong() {
        return random.nextLong();
    }

    /** {@return a uniform double in {@code [0, 1)}} */
    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    /** {@return {@code n} random bytes} */
    public synchronized byte[] nextBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** {@return a new source seeded from this one, for a consumer whose draws must not shift the network's} */
    public synchronized LabRandom fork() {
        return new LabRandom(random.nextLong());
    }
}
