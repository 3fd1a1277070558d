package raftlab.tester;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import raftlab.labrpc.net.Network;

/** The clients of one test (MIT's {@code Clnts}); the config deletes their ends at cleanup. */
public final class Clients {

    private final Network net;
    private final Config config;
    private final Set<Client> clients = new LinkedHashSet<>();

    Clients(Network net, Config config) {
        this.net = net;
        this.config = config;
    }

    /** {@return a client that may reach every server} */
    public Client makeClient() {
        return makeClientTo(null);
    }

    /** {@return a client that may reach only {@code servers} (by network name); {@code null} means all} */
    public synchronized Client makeClientTo(List<String> servers) {
        Client client = config.whileRunning("make a client", () -> new Client(net, config, servers));
        clients.add(client);
        return client;
    }

    /** Deletes a client's ends from the network. */
    public synchronized void deleteClient(Client client) {
        if (clients.remove(client)) {
            client.remove();
        }
    }

    synchronized void cleanup() {
        clients.forEach(Client::remove);
        clients.clear();
    }
}
