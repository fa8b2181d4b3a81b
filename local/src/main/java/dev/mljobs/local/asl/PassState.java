package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Pass state.
 *
 * @param result the Result field, or null when absent (then the effective input is the result)
 */
record PassState(StateHeader header, JsonNode result) implements State {}
