package dev.timpani.model;

import dev.timpani.data.Payload;
import java.util.Optional;

/** A model served with the transform target type (R-ROUTE-7): features in, transformed features out (R-OUT-6). */
public interface TransformModel {

    /** Transforms {@code x}; {@code y}, the optional target sent as multipart field {@code y}, is passed along. */
    Result transform(Payload x, Optional<Payload> y);

    /**
     * @param format            {@code csv} or {@code sparse}
     * @param transformed       csv (CRLF line ends, no index) or MatrixMarket
     * @param columnNames       for sparse output: the column names, one per line
     * @param targetTransformed the target as csv, when one was sent
     */
    record Result(String format, byte[] transformed, Optional<byte[]> columnNames, Optional<byte[]> targetTransformed) {
    }
}
