package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.worker.JobFailedException;

/** Reads optional job parameters, failing the job with the field's name when one is wrong. */
public final class Params {

  private Params() {}

  public static String requiredText(JsonNode params, String field) {
    JsonNode node = params.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new JobFailedException("params." + field + " is required (a string)");
    }
    return node.asText();
  }

  public static int integer(JsonNode params, String field, int absent, int min, int max) {
    JsonNode node = params.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.canConvertToInt()
        || !node.isIntegralNumber()
        || node.asInt() < min
        || node.asInt() > max) {
      throw new JobFailedException(
          "params." + field + " must be an integer from " + min + " to " + max);
    }
    return node.asInt();
  }

  public static float fraction(JsonNode params, String field, float absent) {
    JsonNode node = params.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
      throw new JobFailedException("params." + field + " must be a number from 0 to 1");
    }
    return (float) node.asDouble();
  }
}
