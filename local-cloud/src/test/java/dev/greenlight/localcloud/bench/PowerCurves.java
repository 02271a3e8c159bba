package dev.greenlight.localcloud.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import dev.greenlight.localcloud.bench.GateAccuracyBenchmark.Figures;
import dev.greenlight.localcloud.bench.GateAccuracyBenchmark.Setting;
import dev.greenlight.localcloud.bench.SimulatedRelease.Ending;

/** Detection rate against the size of a regression, per plan and traffic, drawn with JFreeChart. */
final class PowerCurves {

    static final double[] ERROR_POINTS = {0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02};
    static final double[] MEDIAN_RATIOS = {1.1, 1.2, 1.3, 1.5, 1.75, 2, 3};

    /** Runs one point of a curve. */
    interface Runner {
        Figures run(Setting setting, Scenario scenario, double rate, int releases) throws Exception;
    }

    private PowerCurves() {
    }

    static List<Figures> run(List<Setting> settings, List<Double> rates, int releases, Runner runner)
            throws Exception {
        List<Figures> points = new ArrayList<>();
        for (Setting setting : settings) {
            for (double rate : rates) {
                for (double effect : ERROR_POINTS) {
                    points.add(runner.run(setting, new Scenario(String.format(Locale.ROOT, "5xx +%.2f points",
                            effect * 100), Scenario.Kind.ERRORS, effect), rate, releases));
                }
                for (double ratio : MEDIAN_RATIOS) {
                    points.add(runner.run(setting, new Scenario(String.format(Locale.ROOT, "latency x%.2f", ratio),
                            Scenario.Kind.SLOWER, ratio), rate, releases));
                }
            }
        }
        return points;
    }

    static void draw(List<Figures> points, Path png) throws Exception {
        List<String> settings = points.stream().map(f -> f.setting().name()).distinct().toList();
        int width = 640;
        int height = 420;
        BufferedImage image = new BufferedImage(width * 2, height * settings.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int row = 0; row < settings.size(); row++) {
            String setting = settings.get(row);
            List<Figures> mine = points.stream().filter(f -> f.setting().name().equals(setting)).toList();
            chart(setting + ": 5xx increase over a 0.1% baseline", "increase of green's 5xx rate (percentage points)",
                    mine.stream().filter(f -> f.scenario().kind() == Scenario.Kind.ERRORS).toList(), 100)
                    .draw(g, new Rectangle2D.Double(0, row * height, width, height));
            chart(setting + ": every response slower", "green's latency / blue's (median and every quantile)",
                    mine.stream().filter(f -> f.scenario().kind() == Scenario.Kind.SLOWER).toList(), 1)
                    .draw(g, new Rectangle2D.Double(width, row * height, width, height));
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart chart(String title, String xLabel, List<Figures> points, double scale) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Double> rates = points.stream().map(Figures::rate).distinct().toList();
        for (double rate : rates) {
            XYSeries first = new XYSeries(String.format(Locale.ROOT, "%.0f req/s, at the first step", rate));
            XYSeries any = new XYSeries(String.format(Locale.ROOT, "%.0f req/s, at any step", rate));
            for (Figures f : points) {
                if (f.rate() == rate) {
                    first.add(f.scenario().effect() * scale, f.firstStepShare() * 100);
                    any.add(f.scenario().effect() * scale, f.share(Ending.ROLLED_BACK) * 100);
                }
            }
            data.addSeries(first);
            data.addSeries(any);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, "releases rolled back by the gate (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 101);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {new Color(0x1b9e77), new Color(0xd95f02), new Color(0x7570b3)};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colours[(i / 2) % colours.length]);
            renderer.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(2f)
                    : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0));
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
