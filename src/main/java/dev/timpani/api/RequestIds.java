package dev.timpani.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New request ids: random (version 4) UUIDs from {@link ThreadLocalRandom}. {@link UUID#randomUUID()} draws from
 * the shared {@code SecureRandom}, a lock and a read of {@code /dev/urandom} on every request (seen contended in a
 * JFR profile under load); an id that correlates log lines needs to be unique, not unguessable.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(most, least).toString();
    }
}
