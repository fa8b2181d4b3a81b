package dev.mljobs.worker;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Locale;
import java.util.Map;

/**
 * Where ONNX Runtime runs a model: {@code DEVICE=cpu} (the default) or {@code DEVICE=cuda}. CUDA
 * needs the {@code gpu} build (ONNX Runtime's {@code onnxruntime_gpu}), an NVIDIA driver and the
 * CUDA/cuDNN libraries; where any of these is missing, the model runs on the CPU and a warning says
 * why.
 */
public enum Device {
  CPU,
  CUDA;

  private static final System.Logger LOG = System.getLogger(Device.class.getName());

  /**
   * @param value {@code cpu}, {@code cuda} (any case), or null/blank for the CPU
   * @param name how the value is called in the error ({@code DEVICE}, {@code params.device})
   * @throws JobFailedException for any other value
   */
  public static Device parse(String value, String name) {
    if (value == null || value.isBlank()) {
      return CPU;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "cpu" -> CPU;
      case "cuda" -> CUDA;
      default -> throw new JobFailedException(name + " must be cpu or cuda, not '" + value + "'");
    };
  }

  /** The device that the environment's {@code DEVICE} names. */
  public static Device fromEnvironment(Map<String, String> env) {
    return parse(env.get("DEVICE"), "DEVICE");
  }

  /** Makes a session from the options that it is given; ONNX Runtime's createSession. */
  @FunctionalInterface
  public interface SessionFactory {
    OrtSession create(OrtSession.SessionOptions options) throws OrtException;
  }

  /** Sets the options that do not depend on the device (threads, optimisation level). */
  @FunctionalInterface
  public interface Settings {
    void apply(OrtSession.SessionOptions options) throws OrtException;
  }

  /**
   * Opens a session on this device. On CUDA, nodes that CUDA cannot run fall back to the CPU inside
   * the session; when CUDA itself is unavailable (a CPU-only build, no driver, no GPU) the session
   * is made again on the CPU alone, with a warning.
   *
   * @param what the model, for the warning
   * @return the session and the device it runs on
   */
  public Opened open(String what, Settings settings, SessionFactory factory) throws OrtException {
    if (this == CUDA) {
      try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
        settings.apply(options);
        options.addCUDA(0);
        return new Opened(factory.create(options), CUDA);
      } catch (OrtException | RuntimeException | LinkageError e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "DEVICE=cuda but CUDA is unavailable for {0} ({1}); running on the CPU",
            what,
            e.getMessage());
      }
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      settings.apply(options);
      return new Opened(factory.create(options), CPU);
    }
  }

  /**
   * @param device where the session runs: CPU when CUDA was asked for and is unavailable
   */
  public record Opened(OrtSession session, Device device) {}
}
