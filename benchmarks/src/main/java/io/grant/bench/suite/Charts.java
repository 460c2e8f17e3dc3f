package io.grant.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The report's SVG charts, drawn by JFreeChart and written by JFreeSVG: per workload, a box plot of every peer's
 * rounds (the line its median, the box its middle half, the whiskers its lowest and highest; lower is better); and one bar chart of every target, each as
 * "how far past its target", so that 1 is exactly on target and a bar short of 1 is a missed one.
 */
public final class Charts {

    public static final String TARGETS = "targets.svg";

    private static final int WIDTH = 900;
    private static final Color MET = new Color(0x2e7d32);
    private static final Color MISSED = new Color(0xc62828);

    private Charts() {}

    /** The chart file of a workload, e.g. {@code workload-1.svg}. */
    public static String fileName(WorkloadResult result) {
        return "workload-" + result.number() + ".svg";
    }

    /** Writes every chart into {@code directory}; returns the names of the files written. */
    public static List<String> write(Path directory, List<WorkloadResult> results) throws IOException {
        Files.createDirectories(directory);
        List<String> written = new ArrayList<>();
        for (WorkloadResult result : results) {
            if (!result.peers().isEmpty()) {
                write(directory.resolve(fileName(result)), peers(result), 140 + 48 * result.peers().size());
                written.add(fileName(result));
            }
        }
        int targets = 0;
        for (WorkloadResult result : results) {
            targets += (int) result.checks().stream().filter(Check::hasTarget).count();
        }
        if (targets > 0) {
            write(directory.resolve(TARGETS), targets(results), 140 + 36 * targets);
            written.add(TARGETS);
        }
        return written;
    }

    private static JFreeChart peers(WorkloadResult result) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (PeerResult peer : result.peers()) {
            Stats s = Stats.of(Arrays.stream(peer.samples()).filter(v -> !Double.isNaN(v)).toArray());
            // whiskers at the lowest and highest sample, so that no sample is left off the chart as an "outlier"
            data.add(new BoxAndWhiskerItem(null, s.median(), s.p25(), s.p75(), s.min(), s.max(), null, null, List.of()),
                    result.samplesAre(), peer.peer());
        }
        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(result.number() + ". " + result.title(), null,
                result.unit() + " (lower is better)", data, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true); // lengths compare only from zero
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setMeanVisible(false);
        renderer.setSeriesPaint(0, new Color(0x5c8ecb));
        renderer.setMaximumBarWidth(0.6);
        style(chart);
        return chart;
    }

    private static JFreeChart targets(List<WorkloadResult> results) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Boolean> met = new ArrayList<>();
        double highest = 1;
        for (WorkloadResult result : results) {
            for (Check check : result.checks()) {
                if (check.hasTarget() && !Double.isNaN(check.stats().median())) {
                    double value = check.stats().median();
                    double score = check.target().direction() == Check.Direction.AT_LEAST ? value / check.target().bound()
                            : check.target().bound() / value;
                    String label = String.format(Locale.ROOT, "%d. %s: %s (%s)", result.number(), check.what(),
                            check.format(value), check.targetText());
                    data.addValue(score, "score", label);
                    met.add(check.met());
                    highest = Math.max(highest, score);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Every target: measured against target (1 = exactly on target)",
                null, "how far past the target (above 1: met, below 1: missed)", data, PlotOrientation.HORIZONTAL, false,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return met.get(column) ? MET : MISSED;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.7);
        plot.setRenderer(renderer);
        ValueMarker onTarget = new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f));
        plot.addRangeMarker(onTarget);
        plot.getRangeAxis().setRange(0, highest * 1.1); // the on-target line always shows
        style(chart);
        return chart;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        CategoryAxis axis = plot.getDomainAxis();
        axis.setMaximumCategoryLabelWidthRatio(0.45f);
        axis.setMaximumCategoryLabelLines(2);
    }

    private static void write(Path file, JFreeChart chart, int height) throws IOException {
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, height);
        svg.setDefsKeyPrefix("grant");
        chart.draw(svg, new Rectangle(0, 0, WIDTH, height));
        SVGUtils.writeToSVG(file.toFile(), svg.getSVGElement());
    }
}
