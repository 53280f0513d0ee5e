package org.spinnoise.faults;

/** The stages of the matrix's columns, in the order bits pass through them. */
enum Stage {
    CALIBRATION("calibration", "threshold and switching sweep on the demo bench (TCP), or the board's sweep (serial)"),
    ACQUISITION("acquisition", "per-bit run on the demo bench (TCP), or a board run over its pty"),
    INGEST("ingest", "assessment, health tests, conditioning and append of a run into the pool"),
    SERVING("serving", "the ZeroMQ noise service handing out trng bytes from the pool"),
    SAMPLING("sampling", "a diffusion sampler drawing trng normals from the pool");

    final String title;
    final String what;

    Stage(String title, String what) {
        this.title = title;
        this.what = what;
    }
}
