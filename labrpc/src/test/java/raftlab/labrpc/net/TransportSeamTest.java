package raftlab.labrpc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import raftlab.labrpc.codec.Codec;

/**
 * Ours (not MIT's): the seam cluster mode uses to carry calls over a real transport — {@link ClientEnd#over} and
 * {@link Server#handle} — behaves as a call through the simulated network does.
 */
class TransportSeamTest {

    private final JunkService junk = new JunkService();
    private final Server server = new Server().addService(Service.of("JunkServer", junk));

    @Test
    void aCallOverATransportReachesTheHandlerAndDecodesTheReply() {
        ClientEnd end = ClientEnd.over("e", (method, request) -> Optional.of(server.handle(method, request)));

        Optional<JunkService.StringReply> reply =
                end.call("JunkServer.handler2", new JunkService.IntArgs(111), JunkService.StringReply.class);

        assertThat(reply).contains(new JunkService.StringReply("handler2-111"));
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void aTransportThatLosesTheCallMakesItFail() {
        ClientEnd end = ClientEnd.over("e", (method, request) -> Optional.empty());

        assertThat(end.call("JunkServer.handler2", new JunkService.IntArgs(1), JunkService.StringReply.class))
                .isEmpty();
    }

    @Test
    void handleNamesAnUnknownMethod() {
        assertThatThrownBy(() -> server.handle("JunkServer.nope", Codec.encode(new JunkService.IntArgs(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown method JunkServer.nope");
    }
}
