package dev.timpani.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a README and the marker comments that say what runs each. A block's marker is the
 * line right before its opening fence; a marker anywhere else is stray.
 */
record Readme(List<ReadmeBlock> blocks, List<Integer> strayMarkers) {

    static final Path FILE = Path.of("README.md");

    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*readme-block:\\s*(.*?)\\s*-->\\s*$");
    /** An opening or closing fence: up to three spaces, then three or more backticks or tildes. */
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    static Readme read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Readme parse(String markdown) {
        List<ReadmeBlock> blocks = new ArrayList<>();
        List<Integer> stray = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        int index = 0;
        while (index < lines.length) {
            Matcher open = FENCE.matcher(lines[index]);
            if (!open.matches()) {
                boolean marker = MARKER.matcher(lines[index]).matches();
                boolean beforeFence = index + 1 < lines.length && FENCE.matcher(lines[index + 1]).matches();
                if (marker && !beforeFence) {
                    stray.add(index + 1);
                }
                index++;
                continue;
            }
            String fence = open.group(1);
            Matcher marker = index > 0 ? MARKER.matcher(lines[index - 1]) : null;
            int start = index;
            List<String> content = new ArrayList<>();
            index++;
            while (index < lines.length && !isClosing(lines[index], fence)) {
                content.add(lines[index]);
                index++;
            }
            index++;
            blocks.add(new ReadmeBlock(start + 1, marker != null && marker.matches() ? marker.group(1) : null,
                    String.join("\n", content)));
        }
        return new Readme(List.copyOf(blocks), List.copyOf(stray));
    }

    private static boolean isClosing(String line, String fence) {
        Matcher close = FENCE.matcher(line);
        return close.matches() && close.group(1).charAt(0) == fence.charAt(0)
                && close.group(1).length() >= fence.length() && close.group(2).isBlank();
    }

    List<ReadmeBlock> runBy(Runner runner) {
        return blocks.stream().filter(block -> block.runner().filter(runner::equals).isPresent()).toList();
    }

    /** Every way the README's blocks are not all accounted for, one message each; empty when they are. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (ReadmeBlock block : blocks) {
            if (block.marker() == null) {
                problems.add(block.label() + " has no <!-- readme-block: ... --> marker on the line before it");
            } else if (block.runner().isEmpty()) {
                problems.add(block.label() + " names no known runner: '" + block.marker() + "'");
            } else if (block.runner().get() == Runner.NOT_RUN && block.reason().isEmpty()) {
                problems.add(block.label() + " is not-run without a reason");
            }
        }
        for (int line : strayMarkers) {
            problems.add("README.md:" + line + " is a readme-block marker not right before a fenced block");
        }
        if (!runBy(Runner.EXAMPLE_CURL).isEmpty() && runBy(Runner.SERVES_EXAMPLE).isEmpty()) {
            problems.add("example-curl blocks run only against serves-example blocks, and there is none");
        }
        return problems;
    }
}
