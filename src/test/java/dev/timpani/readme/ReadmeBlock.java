package dev.timpani.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One fenced block of README.md: the line of its opening fence, the text of the marker comment right before it
 * ({@code null} without one) and its content.
 */
record ReadmeBlock(int line, String marker, String text) {

    private static final String NOT_RUN = Runner.NOT_RUN.marker() + ":";

    /** The runner the marker names; empty without a marker or for a name no runner has. */
    Optional<Runner> runner() {
        if (marker == null) {
            return Optional.empty();
        }
        return marker.startsWith(NOT_RUN) ? Optional.of(Runner.NOT_RUN) : Runner.named(marker);
    }

    /** Why a {@code not-run} block is not run: the marker's text after {@code not-run:}. */
    String reason() {
        return marker != null && marker.startsWith(NOT_RUN) ? marker.substring(NOT_RUN.length()).strip() : "";
    }

    /** The block's commands: continuation lines joined, comment lines dropped. */
    List<String> commands() {
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (current.isEmpty() && line.strip().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1);
                continue;
            }
            current.append(line);
            String command = current.toString().replaceAll("\\s+", " ").strip();
            current.setLength(0);
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }

    /**
     * The output the block claims, from a comment line holding JSON such as {@code # {"predictions":[21.1,...]}}:
     * what comes before a {@code ...} is a prefix of the output, without one the whole output.
     */
    Optional<String> claimedOutput() {
        return text.lines().map(String::strip).filter(line -> line.startsWith("# {")).findFirst()
                .map(line -> line.substring(2));
    }

    /**
     * The block as run on {@code port}: the README's {@code localhost:8080} and {@code 0.0.0.0:8080} become
     * {@code 127.0.0.1:port}. Fails if a command still names port 8080, which others on the machine may use.
     */
    String onPort(int port) {
        String rewritten = text.replace("localhost:8080", "127.0.0.1:" + port)
                .replace("0.0.0.0:8080", "127.0.0.1:" + port);
        for (String line : rewritten.split("\n")) {
            if (!line.strip().startsWith("#") && line.contains("8080")) {
                throw new AssertionError(label() + " names port 8080 in a way the test cannot rewrite: " + line);
            }
        }
        return rewritten;
    }

    /** Where the block is, for messages: {@code README.md:13 (./mvnw spring-boot:run)}. */
    String label() {
        List<String> commands = commands();
        String first = commands.isEmpty() ? text.lines().findFirst().orElse("") : commands.get(0);
        return "README.md:" + line + " (" + (first.length() > 60 ? first.substring(0, 57) + "..." : first) + ")";
    }
}
