package dev.mljobs.worker.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import dev.mljobs.worker.Work;
import dev.mljobs.worker.Worker;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Figures of the shape detector on this machine: the time from JVM start to the first {@code
 * object_detection} result (through the Worker, so it includes class loading and the model load),
 * then images/s at batch 1 and 8 over the 100 test scenes (preprocessing, inference and NMS; the
 * PNGs are decoded beforehand). Prints figures; asserts nothing. Run by {@code
 * scripts/bench-detection [seconds per batch size]}.
 */
public final class DetectionBenchmark {

  private DetectionBenchmark() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    TestSet testSet = TestSet.load("shapes-det-test.zip");
    JsonNode first = firstResult(testSet.bytes("0000.png"));
    long sinceStart =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf(
        "JVM start to first result: %d ms (%d detections)%n",
        sinceStart, first.path("results").get(0).path("detections").size());

    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      images.add(testSet.image("%04d.png".formatted(i)));
    }
    Detector detector = new Detector(TestModels.model("shapes-det"));
    // CPU time per image says more than images/s when other processes share the cores
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int batch : new int[] {1, 8}) {
      run(detector, images, batch, seconds / 5); // warm-up: the first runs allocate and tune
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      int done = 0;
      while (System.nanoTime() - start < seconds * 1e9) {
        done += run(detector, images, batch, 0);
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
      System.out.printf(
          "batch %d: %.1f images/s, %.1f CPU ms per image (%d images in %.1f s, %d cores)%n",
          batch,
          done / elapsed,
          cpuMs / done,
          done,
          elapsed,
          Runtime.getRuntime().availableProcessors());
    }
  }

  private static JsonNode firstResult(byte[] png) throws InterruptedException {
    ObjectNode params =
        JsonNodeFactory.instance
            .objectNode()
            .put("task_type", "object_detection")
            .put("model_id", "shapes-det");
    params.putObject("input_data").put("image_base64", Base64.getEncoder().encodeToString(png));
    return new Worker()
        .run(
            new Work(
                UUID.randomUUID(),
                1,
                "inference",
                params,
                null,
                null,
                null,
                TestModels.spec("shapes-det")));
  }

  /** Runs all images once in batches of {@code batch}, or for at least {@code seconds}. */
  private static int run(Detector detector, List<BufferedImage> images, int batch, double seconds)
      throws Exception {
    long start = System.nanoTime();
    int done = 0;
    do {
      for (int i = 0; i + batch <= images.size(); i += batch) {
        detector.detect(images.subList(i, i + batch), DetectionSettings.DEFAULTS);
        done += batch;
      }
    } while (System.nanoTime() - start < seconds * 1e9);
    return done;
  }
}
