package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.worker.JobFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vision models this worker knows, by id. For now they are listed in every classpath resource
 * named {@value #RESOURCE}; the registered-model API over S3 will replace this lookup.
 */
public final class ModelRegistry {

  static final String RESOURCE = "mljobs/vision-models.json";

  private static final class Default {
    static final ModelRegistry INSTANCE = fromClasspath();
  }

  private final Map<String, VisionModel> models;

  /** Creates a registry of exactly these models. */
  public ModelRegistry(List<VisionModel> models) {
    Map<String, VisionModel> byId = new LinkedHashMap<>();
    for (VisionModel m : models) {
      if (byId.put(m.id(), m) != null) {
        throw new IllegalArgumentException("model id " + m.id() + " is listed twice");
      }
    }
    this.models = Collections.unmodifiableMap(byId);
  }

  /** Returns the registry read from the classpath once per process. */
  public static ModelRegistry standard() {
    return Default.INSTANCE;
  }

  /**
   * Returns the model with this id.
   *
   * @throws JobFailedException when no model has this id
   */
  public VisionModel get(String id) {
    VisionModel model = models.get(id);
    if (model == null) {
      throw new JobFailedException(
          "params.model_id '" + id + "' is not a known model; known: " + models.keySet());
    }
    return model;
  }

  static ModelRegistry fromClasspath() {
    ObjectMapper json = new ObjectMapper();
    try {
      List<VisionModel> all = new ArrayList<>();
      for (URL url : Collections.list(loader().getResources(RESOURCE))) {
        try (InputStream in = url.openStream()) {
          for (JsonNode node : json.readTree(in).path("models")) {
            all.add(parse(node));
          }
        }
      }
      return new ModelRegistry(all);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static VisionModel parse(JsonNode node) throws IOException {
    JsonNode p = node.path("preprocessing");
    ColourMode colour = ColourMode.valueOf(p.path("colour").asText("RGB"));
    ResizeMode resize =
        switch (p.path("resize").asText("STRETCH")) {
          case "STRETCH" -> new ResizeMode.Stretch();
          case "LETTERBOX" -> new ResizeMode.Letterbox(p.path("pad_value").asInt(114));
          case "SHORTER_SIDE_CENTER_CROP" -> new ResizeMode.ShorterSideCenterCrop();
          default -> throw new IllegalArgumentException("unknown resize " + p.path("resize"));
        };
    double[] mean = doubles(p.path("mean"), colour.channels(), 0);
    double[] std = doubles(p.path("std"), colour.channels(), 1);
    Preprocessing preprocessing =
        new Preprocessing(
            p.path("width").asInt(),
            p.path("height").asInt(),
            colour,
            resize,
            p.path("scale").asDouble(1.0 / 255),
            mean,
            std);
    String labels = readText(node.path("labels").asText());
    return new VisionModel(
        node.path("id").asText(),
        node.path("model").asText(),
        labels.lines().map(String::strip).filter(s -> !s.isEmpty()).toList(),
        preprocessing);
  }

  private static double[] doubles(JsonNode array, int channels, double absent) {
    double[] values = new double[array.isArray() ? array.size() : channels];
    Arrays.fill(values, absent);
    for (int i = 0; i < array.size(); i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  /** Reads a {@code classpath:} resource or a file, as UTF-8. */
  static String readText(String location) throws IOException {
    return new String(readBytes(location), StandardCharsets.UTF_8);
  }

  /** Reads a {@code classpath:} resource or a file. */
  static byte[] readBytes(String location) throws IOException {
    if (location.startsWith("classpath:")) {
      String name = location.substring("classpath:".length());
      try (InputStream in = loader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("no classpath resource " + name);
        }
        return in.readAllBytes();
      }
    }
    return Files.readAllBytes(Path.of(location));
  }

  private static ClassLoader loader() {
    return ModelRegistry.class.getClassLoader();
  }
}
