package org.spinnoise.report;

import java.awt.Color;
import java.awt.Graphics2D;

/** One thing drawn inside a chart's plot area (a line, points, a band, a marker, bars, a heat map). */
interface Layer {
    void draw(Graphics2D g, PlotArea area);

    /** Its legend entry, or null when it has none. */
    default LegendEntry legend() {
        return null;
    }

    /** A legend line: the swatch's colour and look beside its text. */
    record LegendEntry(String label, Color color, Swatch swatch) {
    }

    /** How a legend entry's swatch looks. */
    enum Swatch { LINE, DASHED, POINT, FILL }
}
