package org.spinnoise.link;

/** Opens the right kind of link for an address; the one entry point drivers and the run engine use. */
public final class Links {
    private Links() {
    }

    /** Opens a link, failing with a message that names the address and what to check. */
    public static Link open(InstrumentAddress address) throws LinkException {
        return switch (address.transport()) {
            case TCP_SOCKET -> new TcpLink(address);
            case SERIAL -> new SerialLink(address);
        };
    }

    /**
     * Runs {@code hook} when the JVM shuts down and keeps serial ports open until it has finished. The serial library
     * (jSerialComm) closes every port from its own shutdown hook, which would cut a run that is stopping on SIGINT
     * off from its board in mid-STOP; it runs the hooks given here first and waits for them. Returns false when the
     * serial library cannot be loaded on this machine (then no serial link can be open either), and the caller should
     * register the hook with the JVM itself.
     */
    public static boolean runBeforeSerialPortsClose(Thread hook) {
        return SerialLink.runBeforePortsClose(hook);
    }

    /** Parses and opens an address given as VISA resource text. */
    public static Link open(String address) throws LinkException {
        return open(InstrumentAddress.parse(address));
    }
}
