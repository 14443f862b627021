package dev.switchboard.tools.load;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's figures as ordered {@code key=value} lines after a {@code # switchboard load report} header:
 * easy to read, to grep, and to parse back for charts. Times are in the unit the key names
 * ({@code _s}, {@code _us}, {@code _kib}, {@code _bytes}).
 */
public final class LoadReport {

    public static final String HEADER = "# switchboard load report";

    private final Map<String, String> values = new LinkedHashMap<>();

    LoadReport put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    LoadReport put(String key, long value) {
        values.put(key, Long.toString(value));
        return this;
    }

    LoadReport put(String key, double value) {
        values.put(key, Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "n/a");
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    public long getLong(String key) {
        return Long.parseLong(values.get(key));
    }

    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    public void write(PrintStream out) {
        out.println(HEADER);
        values.forEach((k, v) -> out.println(k + "=" + v));
        out.flush();
    }

    /** Reads back what {@link #write} printed (other lines, such as progress notes, are skipped). */
    public static LoadReport parse(List<String> lines) {
        LoadReport report = new LoadReport();
        boolean inReport = false;
        for (String line : lines) {
            if (line.equals(HEADER)) {
                inReport = true;
                continue;
            }
            int eq = line.indexOf('=');
            if (inReport && eq > 0 && !line.startsWith("#")) {
                report.values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return report;
    }
}
