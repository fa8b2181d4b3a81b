package dev.mljobs.worker.vision;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.List;

/** What one task makes of a batch of decoded images: one result per image, in order. */
@FunctionalInterface
interface BatchPredictor {

  List<JsonNode> predict(List<BufferedImage> images) throws OrtException;
}
