package io.jenkins.plugins.blinkops.core.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Median and spread of repeated measurements. Public for the Jenkins benchmarks
 * ({@code io.jenkins.plugins.blinkops.bench}), which report in the same form.
 */
public record Stats(double median, double p25, double p75, double min, double max, int n) {

    public static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75), v[0], v[v.length - 1], v.length);
    }

    /** The {@code q}-quantile (0–1) of {@code values}, interpolated as {@link #of} does. */
    public static double quantile(List<Double> values, double q) {
        return quantile(
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), q);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** {@code median [p25–p75] (min–max)}, with {@code decimals} decimals. */
    public String describe(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(
                Locale.ROOT, f + " [" + f + "–" + f + "] (" + f + "–" + f + ")", median, p25, p75, min, max);
    }

    /** A table row: a measure and its statistics over runs. */
    public static List<String> row(String measure, List<Double> values, int decimals) {
        return List.of(measure, of(values).describe(decimals));
    }

    public static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(line(header, widths));
        String[] dashes = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
            dashes[i] = "-".repeat(widths[i]);
        }
        out.append(line(Arrays.asList(dashes), widths));
        rows.forEach(r -> out.append(line(r, widths)));
        return out.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            out.append(' ')
                    .append(cells.get(i))
                    .append(" ".repeat(widths[i] - cells.get(i).length()))
                    .append(" |");
        }
        return out.append('\n').toString();
    }
}
