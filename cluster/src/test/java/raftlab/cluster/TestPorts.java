package raftlab.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;

/** Free ports for the tests' clusters. */
public final class TestPorts {

    private TestPorts() {}

    /**
     * {@return a base port with {@code n} free ports from it on 127.0.0.1}, below Linux's ephemeral range (32768 and
     * up), so no outgoing connection of another process grabs one between this check and the node's bind
     */
    public static int freeBasePort(int n) {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(12_000);
            boolean free = true;
            for (int i = 0; i < n && free; i++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress("127.0.0.1", base + i));
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports found in 20000..32000");
    }
}
