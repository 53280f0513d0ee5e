package org.spinnoise.report;

import java.awt.Rectangle;

/** The rectangle of a chart where data are drawn, with the two axes that map data values to its pixels. */
record PlotArea(Rectangle bounds, Axis x, Axis y) {

    double px(double xValue) {
        return bounds.x + x.fraction(xValue) * bounds.width;
    }

    /** Pixel row of a y value: larger values higher up. */
    double py(double yValue) {
        return bounds.y + bounds.height - y.fraction(yValue) * bounds.height;
    }
}
