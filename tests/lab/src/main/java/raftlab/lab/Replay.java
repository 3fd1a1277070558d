package raftlab.lab;

/**
 * The one-line command that replays a run: what {@code ./lab test}, {@code ./lab grade}'s logs and
 * {@code ./lab explore} print for a failure. In the simulation mode the seed fixes the whole run, so the line must
 * carry {@code --sim} too: the same seed in real time is a different run.
 */
final class Replay {

    private Replay() {}

    /** {@return {@code ./lab test NAME [--sim] --seed S}} */
    static String command(String mitName, long seed, boolean simulated) {
        return "./lab test " + mitName + (simulated ? " --sim" : "") + " --seed " + seed;
    }

    /** {@return the same as system properties, for Maven: {@code [-Dlab.sim=true ]-Dlab.seed=S}} */
    static String properties(long seed, boolean simulated) {
        return (simulated ? Forker.SIM_OPTION + " " : "") + "-Dlab.seed=" + seed;
    }
}
