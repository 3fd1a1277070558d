package raftlab.labrpc.net;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import raftlab.labrpc.codec.Codec;

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

    /**
     * Runs the handler of {@code serviceMethod} on the codec bytes of a request and returns the codec bytes of its
     * reply: what a real transport (cluster mode) calls when a request arrives; the simulated {@link Network} does
     * the same on its handler threads. Counts the dispatch.
     *
     * @throws IllegalArgumentException naming the valid services or methods when there is no such handler
     * @throws raftlab.labrpc.codec.CodecException if the request bytes do not hold the handler's argument type
     * @throws IllegalStateException if the handler returned null or threw a checked exception; a handler's
     *                               unchecked exception propagates as it is
     */
    public byte[] handle(String serviceMethod, byte[] request) {
        Service.Handler handler = lookup(serviceMethod);
        countDispatch();
        return run(service(handler.fullName()), handler, request);
    }

    /** Decodes the request, invokes the handler and encodes its reply. */
    static byte[] run(Service service, Service.Handler handler, byte[] request) {
        Object args = Codec.decode(request, handler.argsType());
        Object reply;
        try {
            reply = service.invoke(handler, args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("handler " + handler.fullName() + " threw " + t, t);
        }
        if (reply == null) {
            throw new IllegalStateException("handler " + handler.fullName()
                    + " returned null; return a reply object (a record)");
        }
        return Codec.encode(reply);
    }

    synchronized Service service(String serviceMethod) {
        return services.get(serviceMethod.substring(0, serviceMethod.lastIndexOf('.')));
    }

    void countDispatch() {
        count.incrementAndGet();
    }
}
