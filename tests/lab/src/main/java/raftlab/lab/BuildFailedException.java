package raftlab.lab;

/** The kit did not build: the message says what failed and where the details are; exit status 2, no trace. */
final class BuildFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BuildFailedException(String message) {
        super(message);
    }
}
