package dev.timpani.oip;

/**
 * An output the request asks for by name.
 *
 * @param binary whether its data should come back in the binary tensor extension (REST only)
 */
public record RequestedOutput(String name, boolean binary) {
}
