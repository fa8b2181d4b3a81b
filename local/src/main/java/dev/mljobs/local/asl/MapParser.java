package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads an inline Map state, in its current form (ItemProcessor, ItemSelector) or the old one. */
final class MapParser {
  private MapParser() {}

  static MapState parse(FieldReader fields, StateHeader header, GraphParser graphs) {
    fields.exclusive("ItemProcessor", "Iterator");
    fields.exclusive("ItemSelector", "Parameters");
    String processorField = fields.has("Iterator") ? "Iterator" : "ItemProcessor";
    JsonNode processor = fields.json().get(processorField);
    if (processor == null) {
      throw fields.invalid("ItemProcessor", "is required");
    }
    checkInline(fields, processor);
    Expression selector = fields.template(fields.has("Parameters") ? "Parameters" : "ItemSelector");
    return new MapState(
        header,
        fields.has("ItemsPath") ? fields.path("ItemsPath") : AslPath.compile("$"),
        selector,
        graphs.parse(processor, fields.state(), processorField),
        fields.integer("MaxConcurrency", 0, 0));
  }

  private static void checkInline(FieldReader fields, JsonNode processor) {
    JsonNode mode = processor.path("ProcessorConfig").path("Mode");
    if (!mode.isMissingNode() && !mode.asText().equals("INLINE")) {
      throw fields.invalid(
          "ItemProcessor.ProcessorConfig.Mode", "only INLINE is supported, not " + mode.asText());
    }
  }
}
