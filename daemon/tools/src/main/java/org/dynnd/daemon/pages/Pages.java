package org.dynnd.daemon.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * What the reports dynnd writes ({@code dynnd demo}, {@code dynnd report}) share: numbers as
 * text and JSON, HTML text and figures, and charts saved as PNG.
 */
public final class Pages {

    private Pages() {}

    /** {@code value} with {@code decimals} decimals, or "-" when unknown (NaN). */
    public static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Puts {@code value} under {@code key}; JSON has no NaN, so an unknown number is null. */
    public static void number(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    /** {@code text} safe inside HTML elements and attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Appends a figure showing the image {@code png} (relative to the page) at {@code width} pixels. */
    public static void figure(StringBuilder html, String png, String caption, int width) {
        html.append("<figure><img src=\"").append(png).append("\" alt=\"").append(escape(caption)).append("\" width=\"")
                .append(width).append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    /** Saves {@code chart} as a PNG of {@code width} x {@code height} pixels. */
    public static void savePng(Path png, JFreeChart chart, int width, int height) throws IOException {
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    }
}
