package dev.mljobs.local.asl;

/**
 * A Fail state. Error and Cause are fixed text; ErrorPath and CausePath are a path or intrinsic
 * function evaluated on the state's input. Each of the four may be null.
 */
record FailState(
    StateHeader header, String error, String cause, Expression errorPath, Expression causePath)
    implements State {}
