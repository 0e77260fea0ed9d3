package dev.timpani.loaders.h2o;

import dev.timpani.data.CsvFrameReader;
import dev.timpani.data.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small unquoted csv held as cells, edited by column, then sent as a request body or parsed as one. */
record CsvText(List<String> header, List<List<String>> rows) {

    static CsvText read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.contains("\"")) {
                throw new IllegalArgumentException("quoted csv is not supported here: " + line);
            }
            rows.add(List.of(line.split(",", -1)));
        }
        return new CsvText(List.of(lines.get(0).split(",", -1)), rows);
    }

    CsvText firstRows(int count) {
        return new CsvText(header, rows.subList(0, Math.min(count, rows.size())));
    }

    CsvText without(String... columns) {
        List<String> dropped = List.of(columns);
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (!dropped.contains(header.get(c))) {
                kept.add(c);
            }
        }
        List<List<String>> newRows = new ArrayList<>();
        for (List<String> row : rows) {
            newRows.add(kept.stream().map(row::get).toList());
        }
        return new CsvText(kept.stream().map(header::get).toList(), newRows);
    }

    /** Every value of {@code column} set to {@code value}. */
    CsvText replacing(String column, String value) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column);
        }
        List<List<String>> newRows = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> copy = new ArrayList<>(row);
            copy.set(index, value);
            newRows.add(copy);
        }
        return new CsvText(header, newRows);
    }

    byte[] bytes() {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        rows.forEach(row -> text.append(String.join(",", row)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    Frame frame() {
        return new CsvFrameReader().read(new ByteArrayInputStream(bytes()));
    }
}
