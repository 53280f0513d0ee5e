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

    /** Parses and opens an address given as VISA resource text. */
    public static Link open(String address) throws LinkException {
        return open(InstrumentAddress.parse(address));
    }
}
