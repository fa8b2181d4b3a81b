package dev.mljobs.local.asl;

/** A Succeed state: ends its graph (only its own branch, inside a Parallel or Map). */
record SucceedState(StateHeader header) implements State {}
