package dev.timpani.data;

import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Gathers one Arrow column, record batch after record batch, into one {@link Column}. */
sealed interface ArrowColumnAppender permits ArrowNumericAppender, ArrowTextAppender {

    /**
     * The appender for values of {@code type}, or a {@link BadInputException} naming the column when the type is
     * one a model cannot be given.
     */
    static ArrowColumnAppender forType(String columnName, ArrowType type) {
        return switch (type.getTypeID()) {
            case FloatingPoint, Int, Bool -> new ArrowNumericAppender();
            case Utf8, LargeUtf8, Utf8View -> new ArrowTextAppender(columnName);
            default -> throw new BadInputException("Arrow column '" + columnName + "' has type " + type
                    + ", which is not read; send numbers, booleans or strings");
        };
    }

    /** Appends every row of {@code vector}, a vector of the type this appender was made for. */
    void append(ValueVector vector);

    Column toColumn();
}
