package raftlab.labrpc.chan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.labrpc.sim.Sim;

/** Go channel semantics, as the apply channel needs them. */
@Timeout(10)
class ChannelTest {

    @Test
    @DisplayName("an unbuffered send waits until a receiver has taken the value")
    void unbufferedSendWaitsForReceiver() throws InterruptedException {
        Channel<Integer> ch = new Channel<>();
        AtomicBoolean sent = new AtomicBoolean();
        Thread sender = Sim.go("sender", () -> {
            ch.send(1);
            sent.set(true);
        });

        Sim.sleep(100);
        assertThat(sent).as("no receiver yet, so the send is still blocked").isFalse();

        assertThat(ch.receive()).isEqualTo(1);
        sender.join(1000);
        assertThat(sent).isTrue();
    }

    @Test
    @DisplayName("a buffered channel accepts up to its capacity without a receiver, in order")
    void bufferedKeepsOrder() {
        Channel<Integer> ch = new Channel<>(3);
        ch.send(1);
        ch.send(2);
        ch.send(3);

        assertThat(ch.poll(10, TimeUnit.MILLISECONDS)).isEqualTo(1);
        assertThat(ch.receive()).isEqualTo(2);
        assertThat(ch.receive()).isEqualTo(3);
        assertThat(ch.poll(10, TimeUnit.MILLISECONDS)).as("empty: poll times out").isNull();
    }

    @Test
    @DisplayName("close wakes every blocked receiver with null")
    void closeWakesReceivers() throws InterruptedException {
        Channel<Integer> ch = new Channel<>(1);
        ch.send(7);
        List<Integer> got = new CopyOnWriteArrayList<>();
        CountDownLatch tookTheValue = new CountDownLatch(1);
        Thread receiver = Sim.go("receiver", () -> {
            for (Integer v : ch) {
                got.add(v);
                tookTheValue.countDown();
            }
        });
        // The second receiver starts only once the first has the value, so they never race for it.
        assertThat(tookTheValue.await(1, TimeUnit.SECONDS)).isTrue();
        Thread waiter = Sim.go("waiter", ch::receive);
        Sim.sleep(50);
        assertThat(receiver.isAlive()).as("the iterating receiver waits for more").isTrue();
        assertThat(waiter.isAlive()).as("the second receiver waits too").isTrue();

        ch.close();
        receiver.join(1000);
        waiter.join(1000);

        assertThat(receiver.isAlive()).isFalse();
        assertThat(waiter.isAlive()).isFalse();
        assertThat(got).containsExactly(7);
        assertThat(ch.receive()).isNull();
        ch.close();   // closing twice is harmless
    }

    @Test
    @DisplayName("values buffered before close are still delivered, then receive says closed")
    void closeKeepsBufferedValues() {
        Channel<Integer> ch = new Channel<>(2);
        ch.send(8);
        ch.send(9);
        ch.close();

        assertThat(ch.receive()).isEqualTo(8);
        assertThat(ch.poll(10, TimeUnit.MILLISECONDS)).isEqualTo(9);
        assertThat(ch.receive()).as("closed and drained").isNull();
    }

    @Test
    @DisplayName("sending on a closed channel, or while it gets closed, throws a clear exception")
    void sendAfterClose() throws InterruptedException {
        Channel<Integer> closed = new Channel<>();
        closed.close();
        assertThatThrownBy(() -> closed.send(1))
                .isInstanceOf(ChannelClosedException.class).hasMessage("send on closed channel");

        Channel<Integer> ch = new Channel<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread sender = Sim.go("sender", () -> {
            try {
                ch.send(1);
            } catch (ChannelClosedException e) {
                error.set(e);
            }
        });
        Sim.sleep(50);
        ch.close();
        sender.join(1000);

        assertThat(error.get()).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.receive()).as("the value that was never taken is gone").isNull();
    }

    @Test
    @DisplayName("null values and absurd capacities are refused")
    void badInput() {
        assertThatThrownBy(() -> new Channel<Integer>().send(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("cannot send null");
        assertThatThrownBy(() -> new Channel<Integer>(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
        assertThatThrownBy(() -> new Channel<Integer>(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0");
    }

    @Test
    @DisplayName("an interrupted receiver gets CancellationException with its interrupt flag set")
    void interruptedReceiver() throws InterruptedException {
        Channel<Integer> ch = new Channel<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread receiver = Sim.go("receiver", () -> {
            try {
                ch.receive();
            } catch (CancellationException e) {
                error.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        Sim.sleep(50);
        receiver.interrupt();
        receiver.join(1000);

        assertThat(error.get()).isInstanceOf(CancellationException.class);
        assertThat(flag).isTrue();
    }
}
