package dev.mljobs.core.model;

/** One problem with a field of a model registration, named as the client wrote it. */
public record FieldError(String field, String message) {}
