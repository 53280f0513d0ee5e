package org.spinnoise.sim;

/**
 * A transport serving one simulated instrument: it gives out the VISA address clients open and closes every
 * connection and thread it started when closed.
 */
interface InstrumentServer extends AutoCloseable {
    /** The VISA resource string a client opens, e.g. {@code TCPIP::127.0.0.1::41234::SOCKET}. */
    String address();

    @Override
    void close();
}
