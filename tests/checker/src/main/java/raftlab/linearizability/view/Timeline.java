package raftlab.linearizability.view;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Time warping: every box's start and end get a column of their own, in time order, and each column an x position.
 *
 * <p>Columns, not times, are what is drawn: the gaps between events say nothing, and nanosecond gaps would make the
 * page either huge or unreadable. At equal times starts come before ends (intervals are closed), so two operations
 * that touch in time overlap on screen and read as concurrent, as the checker treats them.
 *
 * <p>x positions come from one greedy left-to-right scan: each column is at least {@link #MIN_GAP} plus room for the
 * linearization points drawn in it after the previous one, and a box's end column is far enough from its start
 * column for its label.
 */
final class Timeline {

    static final double LEFT = 110;
    static final double MIN_GAP = 12;
    static final double LP_GAP = 10;
    static final double LP_INSET = 6;
    static final double CHAR_WIDTH = 7.3;
    static final double TEXT_PAD = 12;

    private final int[] startCol;
    private final int[] endCol;
    private final int columns;
    private double[] x;

    /** Boxes {@code b} span {@code [starts[b], ends[b]]} in time. */
    Timeline(long[] starts, long[] ends) {
        int boxes = starts.length;
        Integer[] points = new Integer[2 * boxes]; // 2b = start of box b, 2b+1 = its end
        for (int i = 0; i < points.length; i++) {
            points[i] = i;
        }
        Arrays.sort(points, Comparator.<Integer>comparingLong(p -> (p & 1) == 0 ? starts[p >> 1] : ends[p >> 1])
                .thenComparingInt(p -> p & 1)
                .thenComparingInt(p -> p >> 1));
        startCol = new int[boxes];
        endCol = new int[boxes];
        for (int col = 0; col < points.length; col++) {
            int p = points[col];
            if ((p & 1) == 0) {
                startCol[p >> 1] = col;
            } else {
                endCol[p >> 1] = col;
            }
        }
        columns = points.length;
    }

    int startCol(int box) {
        return startCol[box];
    }

    int endCol(int box) {
        return endCol[box];
    }

    int columns() {
        return columns;
    }

    /**
     * Places the columns.
     *
     * @param lpSlots    per column, how many linearization points must fit between it and the next
     * @param labelChars per box, the length of its label
     */
    void place(int[] lpSlots, int[] labelChars) {
        x = new double[columns];
        int[][] endingAt = new int[columns][];
        int[] count = new int[columns];
        for (int b = 0; b < endCol.length; b++) {
            count[endCol[b]]++;
        }
        for (int c = 0; c < columns; c++) {
            endingAt[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int b = 0; b < endCol.length; b++) {
            endingAt[endCol[b]][count[endCol[b]]++] = b;
        }
        for (int c = 0; c < columns; c++) {
            double pos = c == 0 ? LEFT : x[c - 1] + MIN_GAP + lpSlots[c - 1] * LP_GAP;
            for (int b : endingAt[c]) {
                pos = Math.max(pos, x[startCol[b]] + labelChars[b] * CHAR_WIDTH + TEXT_PAD);
            }
            x[c] = pos;
        }
    }

    double x(int col) {
        return x[col];
    }

    /** {@return where the {@code slot}-th linearization point drawn in column {@code col} goes} */
    double lpX(int col, int slot) {
        return x[col] + LP_INSET + slot * LP_GAP;
    }

    double width() {
        return columns == 0 ? LEFT : x[columns - 1] + 40;
    }
}
