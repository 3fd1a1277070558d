package raftlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The points table: how many points each graded test is worth. The default table is the resource
 * {@code raftlab/lab/points.properties}, documented there; {@code --points FILE} replaces it.
 */
public final class Points {

    private final Properties table;

    private Points(Properties table) {
        this.table = table;
    }

    /** {@return the kit's points table} */
    public static Points defaults() {
        Properties p = new Properties();
        try (InputStream in = Points.class.getResourceAsStream("points.properties")) {
            if (in == null) {
                throw new IllegalStateException("points.properties is missing from the classpath");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Points(p);
    }

    /** {@return the table in {@code file}} */
    public static Points load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new Points(p);
    }

    /** {@return the points {@code test} is worth} */
    public double of(GradedTest test) {
        String value = table.getProperty(test.mitName(), table.getProperty("part." + test.part(), "0"));
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("points table: '" + value + "' for " + test.mitName()
                    + " is not a number", e);
        }
    }
}
