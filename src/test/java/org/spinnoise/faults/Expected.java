package org.spinnoise.faults;

/** What a cell promises: the stage recovers and completes, or stops with one clear line; or the pair cannot occur. */
enum Expected {
    RECOVERED("recovered"),
    STOPPED("stopped"),
    NOT_APPLICABLE("N/A");

    final String title;

    Expected(String title) {
        this.title = title;
    }
}
