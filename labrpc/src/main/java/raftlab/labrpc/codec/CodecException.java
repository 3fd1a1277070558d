package raftlab.labrpc.codec;

/**
 * A value cannot be copied faithfully through the codec. The message names the class and, where there is one, the
 * field, and says what to change.
 */
public final class CodecException extends IllegalArgumentException {

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
