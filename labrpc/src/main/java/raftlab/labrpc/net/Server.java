package raftlab.labrpc.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A collection of services that the network can deliver requests to, registered with
 * {@link Network#addServer(String, Server)}. It also counts the requests dispatched to it.
 */
public final class Server {

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** An empty server; add services before registering it. */
    public Server() {}

    /**
     * Adds a service.
     *
     * @throws IllegalArgumentException if a service of the same name was added already
     */
    public synchronized Server addService(Service service) {
        Objects.requireNonNull(service, "Server.addService: service is null");
        if (services.putIfAbsent(service.name(), service) != null) {
            throw new IllegalArgumentException("server already has a service named " + service.name());
        }
        return this;
    }

    /** {@return how many requests were dispatched to this server (requests the network dropped do not count)} */
    public int count() {
        return count.get();
    }

    /** {@return the names of the services on this server} */
    public synchronized List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /**
     * Finds the handler for {@code "Service.method"}.
     *
     * @throws IllegalArgumentException naming the valid services or methods when there is no such handler
     */
    synchronized Service.Handler lookup(String serviceMethod) {
        int dot = serviceMethod.lastIndexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("RPC name '" + serviceMethod
                    + "' must look like \"Service.method\"; services here: " + services.keySet());
        }
        String serviceName = serviceMethod.substring(0, dot);
        String methodName = serviceMethod.substring(dot + 1);
        Service service = services.get(serviceName);
        if (service == null) {
            throw new IllegalArgumentException("unknown service " + serviceName + " in " + serviceMethod
                    + "; services here: " + services.keySet());
        }
        Service.Handler handler = service.handler(methodName);
        if (handler == null) {
            throw new IllegalArgumentException("unknown method " + serviceMethod + "; " + serviceName
                    + " has " + service.methods());
        }
        return handler;
    }

    synchronized Service service(String serviceMethod) {
        return services.get(serviceMethod.substring(0, serviceMethod.lastIndexOf('.')));
    }

    void countDispatch() {
        count.incrementAndGet();
    }
}
