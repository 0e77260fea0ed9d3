package dev.timpani.oip;

/** A tensor's name, datatype and shape in model metadata; -1 marks a dimension of any size. */
public record TensorMetadata(String name, Datatype datatype, long[] shape) {
}
