package io.livelink.platform;

/** How a benchmark's {@code main} ends: always by exiting, with 1 after a failure. */
final class BenchMain {

    /** A benchmark's body, given the command line. */
    @FunctionalInterface
    interface Body {
        void run(String[] args) throws Exception;
    }

    private BenchMain() {}

    /**
     * Runs the body and exits. The embedded broker and database run on non-daemon threads: without
     * an explicit exit a failed run would hang, holding the benchmark lock.
     */
    static void runThenExit(Body body, String[] args) {
        try {
            body.run(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
