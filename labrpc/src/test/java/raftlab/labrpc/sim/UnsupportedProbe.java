package raftlab.labrpc.sim;

/** Run in a JVM without {@code --add-opens}: prints what selecting the simulation mode says there. */
public final class UnsupportedProbe {

    private UnsupportedProbe() {}

    public static void main(String[] args) {
        try {
            new SimulatedRuntime(1);
            System.out.println("supported");
        } catch (UnsupportedOperationException e) {
            System.out.println(e.getMessage());
        }
    }
}
