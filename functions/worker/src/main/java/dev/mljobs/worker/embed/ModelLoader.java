package dev.mljobs.worker.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Loads a model's ONNX session and tokenizer from the classpath. */
final class ModelLoader {

  private ModelLoader() {}

  /**
   * Loads a model afresh; callers other than tests and benchmarks want {@link ModelCache}.
   *
   * @throws IllegalStateException when the model cannot be loaded
   */
  static SentenceEncoder load(ModelSpec model, int intraOpThreads) {
    // The tokenizer (DJL's native library, then the JSON) loads beside the graph: a cold start
    // waits for the slower of the two instead of their sum.
    CompletableFuture<HuggingFaceTokenizer> tokenizer =
        CompletableFuture.supplyAsync(() -> tokenizer(model));
    OrtSession session;
    try {
      session = session(model, intraOpThreads);
    } catch (RuntimeException e) {
      tokenizer.thenAccept(HuggingFaceTokenizer::close);
      throw e;
    }
    try {
      return new SentenceEncoder(model, OrtEnvironment.getEnvironment(), session, tokenizer.join());
    } catch (CompletionException e) {
      try {
        session.close();
      } catch (OrtException closing) {
        e.addSuppressed(closing);
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static OrtSession session(ModelSpec model, int intraOpThreads) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      // One graph, run sequentially: inter-op threads would only compete with the intra-op pool.
      options.setInterOpNumThreads(1);
      // Idle pool threads sleep instead of spinning: on a shared or fractional CPU (Lambda below
      // 1,769 MB) spinning steals the cores the work needs. Measured with 2 threads on 2 cores,
      // sentences/s at batch 1 and 32: busy machine (load 7) 74 and 157 spinning, 175 and 266
      // not; idle machine 313 and 546 spinning, 263 and 558 not.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      return createSession(resource(model.modelResource()), options);
    } catch (OrtException e) {
      throw new IllegalStateException("could not load " + model.modelResource(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + model.modelResource(), e);
    }
  }

  private static HuggingFaceTokenizer tokenizer(ModelSpec model) {
    try (InputStream json = resource(model.tokenizerResource()).openStream()) {
      // The tokenizer file pads and truncates to a fixed 128: we pad per batch ourselves and
      // truncate at the model's real limit, so that truncation is the exception and is reported.
      return HuggingFaceTokenizer.newInstance(
          json,
          Map.of(
              "padding", "false",
              "truncation", "true",
              "maxLength", Integer.toString(model.maxTokens())));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + model.tokenizerResource(), e);
    }
  }

  private static URL resource(String name) {
    if (name.startsWith("file:")) {
      try {
        return new java.net.URI(name).toURL();
      } catch (URISyntaxException | java.net.MalformedURLException e) {
        throw new IllegalStateException("not a file URI: " + name, e);
      }
    }
    URL url = ModelLoader.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException(name + " is not on the classpath");
    }
    return url;
  }

  /**
   * A graph in a directory is read where it lies; one in a jar is inflated to a temporary file,
   * read, and deleted. Not a direct buffer: that would count 90 MB against {@code
   * -XX:MaxDirectMemorySize} (by default {@code -Xmx}) and fail a small heap; not a byte[]: that
   * would need a heap bigger than the model.
   */
  private static OrtSession createSession(URL graph, OrtSession.SessionOptions options)
      throws IOException, OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    if (graph.getProtocol().equals("file")) {
      try {
        return env.createSession(Path.of(graph.toURI()).toString(), options);
      } catch (URISyntaxException e) {
        throw new IOException("not a file path: " + graph, e);
      }
    }
    Path file = Files.createTempFile("mljobs-model-", ".onnx");
    try {
      try (InputStream in = graph.openStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return env.createSession(file.toString(), options);
    } finally {
      Files.delete(file);
    }
  }
}
