package org.spinnoise.report;

/**
 * toggle-map.png from toggle-map.csv: the probability that a pulse toggled the state, over pulse width (linear, so
 * the oscillation at the precession period shows evenly spaced) and amplitude.
 */
final class ToggleMapPlot {
    static final String FILE = "toggle-map.png";
    static final String INPUT = "toggle-map.csv";

    private ToggleMapPlot() {
    }

    static Figure figure(CsvTable map) throws PlotInputException {
        FractionGrid grid = FractionGrid.read(map, "toggled");
        double[] xRange = grid.widthEdges(false);
        double[] yRange = grid.amplitudeEdges();
        Axis x = new Axis("write pulse width", "s", Math.max(0, xRange[0]), xRange[1], false);
        Axis y = new Axis("write amplitude", "V", yRange[0], yRange[1], false);
        Chart chart = new Chart("Toggle map: probability a pulse toggles the state", x, y)
                .add(grid.heatMap("toggle probability"));
        return new Figure(Figure.WIDTH, Figure.HEIGHT).add(chart);
    }
}
