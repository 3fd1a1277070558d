package raftlab.cluster.transport;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The wire: one unary gRPC method, {@code raftlab.Labrpc/Call}, whose messages are plain byte arrays. A request is
 * {@code [UTF "Service.method"][i32 caller id][codec bytes of the argument]}; a reply is the codec bytes of the reply.
 */
final class Frames {

    /** A byte array marshalled as itself. */
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static final MethodDescriptor<byte[], byte[]> CALL = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("raftlab.Labrpc", "Call"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    /** A decoded request frame. */
    record Request(String serviceMethod, int caller, byte[] args) {}

    private Frames() {}

    static byte[] request(String serviceMethod, int caller, byte[] args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(args.length + serviceMethod.length() + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(serviceMethod);
            out.writeInt(caller);
            out.write(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Request parse(byte[] frame) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
        String serviceMethod = in.readUTF();
        int caller = in.readInt();
        return new Request(serviceMethod, caller, in.readAllBytes());
    }
}
