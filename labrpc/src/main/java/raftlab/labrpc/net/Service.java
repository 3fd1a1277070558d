package raftlab.labrpc.net;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A named set of RPC handlers backed by one object: the {@code @Rpc} methods of the receiver, addressed as
 * {@code "<service name>.<method name>"}.
 *
 * <p>Registration checks every {@code @Rpc} method at once: it must be public, non-static, take exactly one
 * argument and return a non-void reply, and its name must not be overloaded. Anything else throws an
 * {@link IllegalArgumentException} naming the method and listing the valid handlers.
 */
public final class Service {

    /** One handler: how to invoke it and which types it takes and returns. */
    record Handler(String fullName, MethodHandle invoker, Class<?> argsType, Class<?> replyType) {}

    private final String name;
    private final Object receiver;
    private final Map<String, Handler> handlers;

    private Service(String name, Object receiver, Map<String, Handler> handlers) {
        this.name = name;
        this.receiver = receiver;
        this.handlers = handlers;
    }

    /** {@return a service named after the receiver's simple class name, as Go's labrpc names it after the type} */
    public static Service of(Object receiver) {
        Objects.requireNonNull(receiver, "Service.of: receiver is null");
        return of(receiver.getClass().getSimpleName(), receiver);
    }

    /**
     * {@return a service named {@code name} whose handlers are the {@code @Rpc} methods of {@code receiver}}
     *
     * @throws IllegalArgumentException if a handler has the wrong shape, or there is no handler at all
     */
    public static Service of(String name, Object receiver) {
        Objects.requireNonNull(name, "Service.of: name is null");
        Objects.requireNonNull(receiver, "Service.of: receiver is null");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("service name '" + name + "' must be non-empty and contain no '.'");
        }
        Map<String, Handler> handlers = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Method method : annotatedMethods(receiver.getClass())) {
            String problem = shapeProblem(method);
            if (problem != null) {
                problems.add(describe(method) + " " + problem);
            } else if (handlers.containsKey(method.getName())) {
                problems.add(describe(method) + " overloads another @Rpc method of the same name; rename one");
            } else {
                handlers.put(method.getName(), handler(name, method));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " (" + receiver.getClass().getName()
                    + "): " + String.join("; ", problems)
                    + ". A handler looks like `@Rpc public Reply method(Args args)`. Valid handlers: "
                    + handlers.keySet());
        }
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " (" + receiver.getClass().getName()
                    + ") has no @Rpc methods; annotate each handler `@Rpc public Reply method(Args args)`");
        }
        return new Service(name, receiver, handlers);
    }

    /**
     * {@return whether {@code type} (or a superclass) declares any {@code @Rpc} method}, valid or not. The tester
     * uses it to start a skeleton that has no handlers yet without registering it, as Go's labrpc accepts a type
     * without handlers.
     */
    public static boolean hasHandlers(Class<?> type) {
        return !annotatedMethods(type).isEmpty();
    }

    /** {@return the service name, the part before the dot in {@code "Service.method"}} */
    public String name() {
        return name;
    }

    /** {@return the names of the handlers, sorted} */
    public List<String> methods() {
        return List.copyOf(handlers.keySet());
    }

    Handler handler(String method) {
        return handlers.get(method);
    }

    Object invoke(Handler handler, Object args) throws Throwable {
        return handler.invoker().invoke(receiver, args);
    }

    private static List<Method> annotatedMethods(Class<?> type) {
        List<Method> result = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Rpc.class) && !method.isBridge() && !overridden(method, result)) {
                    result.add(method);
                }
            }
        }
        return result;
    }

    private static boolean overridden(Method method, List<Method> seenInSubclasses) {
        return seenInSubclasses.stream().anyMatch(m -> m.getName().equals(method.getName())
                && List.of(m.getParameterTypes()).equals(List.of(method.getParameterTypes())));
    }

    private static String shapeProblem(Method method) {
        int modifiers = method.getModifiers();
        if (!Modifier.isPublic(modifiers)) {
            return "is not public";
        }
        if (Modifier.isStatic(modifiers)) {
            return "is static";
        }
        if (method.getParameterCount() != 1) {
            return "takes " + method.getParameterCount() + " arguments instead of exactly one";
        }
        if (method.getReturnType() == void.class) {
            return "returns void instead of a reply";
        }
        if (method.getParameterTypes()[0].isPrimitive() || method.getReturnType().isPrimitive()) {
            return "uses a primitive type; use a record (or a boxed type) for arguments and replies";
        }
        return null;
    }

    private static Handler handler(String serviceName, Method method) {
        try {
            method.setAccessible(true);   // the receiver's class itself may be package-private
            MethodHandle invoker = MethodHandles.lookup().unreflect(method)
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            return new Handler(serviceName + "." + method.getName(), invoker, method.getParameterTypes()[0],
                    method.getReturnType());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot access handler " + describe(method) + ": " + e.getMessage()
                    + "; make its class public or open its package", e);
        }
    }

    private static String describe(Method method) {
        StringBuilder s = new StringBuilder(method.getName()).append('(');
        Class<?>[] params = method.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            s.append(i > 0 ? ", " : "").append(params[i].getSimpleName());
        }
        return s.append(')').toString();
    }
}
