package raftlab.labrpc.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.labrpc.net.JunkService.IntArgs;
import raftlab.labrpc.net.JunkService.StringReply;
import raftlab.labrpc.persist.Persister;

/** The tester's seams (raftlab's own): an observer sees each delivered reply, a persister observer each save. */
@Timeout(30)
class ObserverTest {

    private record Seen(String end, String server, String method, Object args, Object reply) {}

    private final NetFixture fx = new NetFixture();

    @AfterEach
    void cleanup() {
        fx.close();
    }

    @Test
    void theObserverSeesADeliveredReplyBeforeTheCallerDoes() {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        fx.net.setObserver((end, server, method, args, reply) -> seen.add(new Seen(end, server, method, args, reply)));
        fx.server("server99", new JunkService());
        ClientEnd end = fx.end("end1-99", "server99");

        end.call("JunkServer.handler2", new IntArgs(111), StringReply.class);

        assertThat(seen).containsExactly(new Seen("end1-99", "server99", "JunkServer.handler2", new IntArgs(111),
                new StringReply("handler2-111")));
    }

    @Test
    void aCallThatDeliversNoReplyIsNotSeen() {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        fx.net.setObserver((end, server, method, args, reply) -> seen.add(new Seen(end, server, method, args, reply)));
        fx.server("server99", new JunkService());
        ClientEnd end = fx.end("end1-99", "server99");
        fx.net.enable("end1-99", false);

        assertThat(end.call("JunkServer.handler2", new IntArgs(1), StringReply.class)).isEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    void aPersisterObserverSeesEverySaveButACopyDoesNotInheritIt() {
        Persister p = new Persister();
        List<String> saves = new CopyOnWriteArrayList<>();
        p.setObserver((state, snapshot) -> saves.add(state.length + "/" + snapshot.length));

        p.save(new byte[3], null);
        p.copy().save(new byte[5], new byte[7]);
        p.save(new byte[2], new byte[4]);

        assertThat(saves).containsExactly("3/0", "2/4");
    }
}
