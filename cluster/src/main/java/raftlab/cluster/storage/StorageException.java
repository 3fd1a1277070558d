package raftlab.cluster.storage;

/** Storage that cannot be read or written: the message names the file and the cause. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
