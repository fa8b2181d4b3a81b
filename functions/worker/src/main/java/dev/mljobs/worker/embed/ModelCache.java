package dev.mljobs.worker.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SentenceEncoder} per model per process: loading the graph takes about a second, so a
 * warm Lambda or a long Batch job pays it once. Intra-op threads come from {@code
 * ORT_INTRA_OP_THREADS} (default: the available processors).
 */
public final class ModelCache {

  private static final Map<String, SentenceEncoder> ENCODERS = new ConcurrentHashMap<>();

  private ModelCache() {}

  /**
   * @return the encoder of that model, loaded on first use
   * @throws IllegalStateException when the model cannot be loaded
   */
  public static SentenceEncoder encoder(ModelSpec model) {
    return ENCODERS.computeIfAbsent(model.id(), id -> load(model, intraOpThreads(System.getenv())));
  }

  /** The intra-op thread count that {@code env} asks for. */
  static int intraOpThreads(Map<String, String> env) {
    String value = env.get("ORT_INTRA_OP_THREADS");
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int threads = Integer.parseInt(value.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new IllegalStateException("ORT_INTRA_OP_THREADS must be a positive integer: " + value);
  }

  /** Loads a model afresh; callers other than tests and benchmarks want {@link #encoder}. */
  static SentenceEncoder load(ModelSpec model, int intraOpThreads) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream tokenizerJson = resource(model.tokenizerResource()).openStream()) {
      options.setIntraOpNumThreads(intraOpThreads);
      // One graph, run sequentially: inter-op threads would only compete with the intra-op pool.
      options.setInterOpNumThreads(1);
      // Idle pool threads sleep instead of spinning: on a shared or fractional CPU (Lambda below
      // 1,769 MB) spinning steals the cores the work needs. Measured on a busy 2-core machine,
      // 2 threads at batch 32: 157 sentences/s spinning, 266 not.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = env.createSession(readDirect(resource(model.modelResource())), options);
      // The tokenizer file pads and truncates to a fixed 128: we pad per batch ourselves and
      // truncate at the model's real limit, so that truncation is the exception and is reported.
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.newInstance(
              tokenizerJson,
              Map.of(
                  "padding", "false",
                  "truncation", "true",
                  "maxLength", Integer.toString(model.maxTokens())));
      return new SentenceEncoder(model, env, session, tokenizer);
    } catch (OrtException e) {
      throw new IllegalStateException("could not load " + model.modelResource(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + model.id(), e);
    }
  }

  private static URL resource(String name) {
    URL url = ModelCache.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException(name + " is not on the classpath");
    }
    return url;
  }

  /**
   * Inflates a (jar) resource straight into a direct buffer, which ORT reads in place: no byte[] of
   * 90 MB on the heap, no temporary file.
   */
  private static ByteBuffer readDirect(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    try (InputStream in = connection.getInputStream()) {
      if (size < 0 || size > Integer.MAX_VALUE) {
        byte[] bytes = in.readAllBytes();
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
      }
      ByteBuffer buffer = ByteBuffer.allocateDirect((int) size);
      ReadableByteChannel channel = Channels.newChannel(in);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // an inflating jar stream gives a few KiB per read
      }
      return buffer.flip();
    }
  }
}
