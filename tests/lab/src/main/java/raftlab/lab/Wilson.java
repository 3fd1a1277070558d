package raftlab.lab;

/**
 * The Wilson score interval of a pass rate: unlike the textbook p ± z·sqrt(p(1-p)/n), it stays inside [0, 1] and does
 * not collapse to a width of zero when every run passed (200 of 200 passes still leaves room for a 1-in-100 bug).
 *
 * @param low  the lower bound, in [0, 1]
 * @param high the upper bound, in [0, 1]
 */
record Wilson(double low, double high) {

    /** z for a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    /** {@return the 95% interval of {@code successes} in {@code trials} (trials at least 1)} */
    static Wilson of95(long successes, long trials) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, trials >= 1: " + successes + " of "
                    + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // at 0 or n successes a bound is exactly 0 or 1; rounding must not turn "all passed" into 99.99...%
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == trials ? 1 : Math.min(1, centre + half);
        return new Wilson(low, high);
    }
}
