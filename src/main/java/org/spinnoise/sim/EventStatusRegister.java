package org.spinnoise.sim;

/**
 * The IEEE 488.2 standard event status register: errors set the bit of their class, {@code *OPC} sets Operation
 * Complete, {@code *ESR?} reads and clears it. Drivers poll it after a command to learn whether anything failed.
 */
final class EventStatusRegister {
    static final int OPERATION_COMPLETE = 1;
    static final int QUERY_ERROR = 1 << 2;
    static final int DEVICE_ERROR = 1 << 3;
    static final int EXECUTION_ERROR = 1 << 4;
    static final int COMMAND_ERROR = 1 << 5;
    /**
     * Power On (PON, bit 7, weight 128): set when power was turned off and on since the register was last read — the
     * IEEE 488.2 layout, as e.g. the Agilent E364xA User's and Service Guide prints it (Table 3-6, p. 107); the
     * 2450's and 33600's own pages on PON were NOT FOUND, so the simulator follows the common standard.
     */
    static final int POWER_ON = 1 << 7;

    private int bits;

    synchronized void recordError(int code) {
        if (code <= -100 && code > -200) {
            bits |= COMMAND_ERROR;
        } else if (code <= -200 && code > -300) {
            bits |= EXECUTION_ERROR;
        } else if (code <= -300 && code > -400) {
            bits |= DEVICE_ERROR;
        } else if (code <= -400 && code > -500) {
            bits |= QUERY_ERROR;
        }
    }

    synchronized void set(int bit) {
        bits |= bit;
    }

    synchronized int readAndClear() {
        int value = bits;
        bits = 0;
        return value;
    }

    synchronized void clear() {
        bits = 0;
    }
}
