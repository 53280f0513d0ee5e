package org.spinnoise.sim;

/** One error a simulated instrument queued: its SCPI code and the program message unit that raised it. */
public record RaisedError(int code, String unit) {
}
