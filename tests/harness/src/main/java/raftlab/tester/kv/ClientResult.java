package raftlab.tester.kv;

/**
 * What spawned clients achieved (MIT's {@code ClntRes}).
 *
 * @param nOk    Puts that returned OK
 * @param nMaybe Puts that returned ErrMaybe (applied or not)
 */
public record ClientResult(int nOk, int nMaybe) {

    /** Nothing yet. */
    public static final ClientResult ZERO = new ClientResult(0, 0);

    /** {@return the sum of this and {@code other}} */
    public ClientResult plus(ClientResult other) {
        return new ClientResult(nOk + other.nOk, nMaybe + other.nMaybe);
    }

    @Override
    public String toString() {
        return "{Nok:" + nOk + " Nmaybe:" + nMaybe + "}";
    }
}
