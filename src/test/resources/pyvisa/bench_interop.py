"""Talks to a running simulated bench with PyVISA-py, as a lab script would.

Usage: /usr/bin/python3 bench_interop.py <pulse-visa-address> <smu-visa-address>
Prints one KEY=VALUE line per result, for the Java test to check.
"""
import sys

import pyvisa


def open_instrument(rm, address):
    instrument = rm.open_resource(address)
    instrument.read_termination = "\n"
    instrument.write_termination = "\n"
    instrument.timeout = 5000
    return instrument


def main(pulse_address, smu_address):
    rm = pyvisa.ResourceManager("@py")
    pulse = open_instrument(rm, pulse_address)
    smu = open_instrument(rm, smu_address)
    print("PULSE_IDN=" + pulse.query("*IDN?").strip())
    print("SMU_IDN=" + smu.query("*IDN?").strip())
    pulse.write("*RST;:OUTP1:LOAD INF;:FUNC PULS;:FUNC:PULS:WIDT 20NS")
    print("PULSE_WIDTH=" + pulse.query("FUNC:PULS:WIDT?").strip())
    smu.write("*RST")
    smu.write(":SOUR:FUNC VOLT;:SOUR:VOLT 0.1;:SOUR:VOLT:ILIM 1e-3")
    smu.write(':SENS:FUNC "RES";:SENS:RES:NPLC 1;:OUTP ON')
    print("RESISTANCE_OHMS=" + smu.query(":READ?").strip())
    print("SMU_ERROR=" + smu.query(":SYST:ERR?").strip())
    pulse.close()
    smu.close()
    rm.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
