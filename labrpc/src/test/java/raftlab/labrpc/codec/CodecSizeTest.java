package raftlab.labrpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import raftlab.labrpc.codec.Fixtures.LogEntry;

/** Byte counts feed the network's byte counter and the persister's sizes, which the tests bound. */
class CodecSizeTest {

    record OneInt(int x) {}

    @Test
    void aLongStringCostsItsLengthPlusAFewBytes() {
        String s = "x".repeat(5000);
        assertThat(Codec.encode(s).length).isBetween(5000, 5010);
        assertThat(Codec.encode(new LogEntry(1, s)).length).isBetween(5000, 5010);
    }

    @Test
    void anIntFieldCostsAtMostFiveBytes() {
        int empty = Codec.encode(new OneInt(0)).length;
        for (int x : new int[] {0, 1, -1, 63, -64, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThat(Codec.encode(new OneInt(x)).length - empty + 1).as("int %d", x).isLessThanOrEqualTo(5);
        }
        assertThat(Codec.encode(new OneInt(5)).length).as("marker + type id + value").isEqualTo(3);
    }

    @Test
    void aLogEntryWithASmallCommandIsSmall() {
        List<LogEntry> log = List.of(new LogEntry(1, 100), new LogEntry(1, 101));
        // marker, list id, count, then per entry: type id, term, command type id, command
        assertThat(Codec.encode(log)).hasSize(3 + 2 * 5);
    }
}
