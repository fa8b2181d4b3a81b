package dev.mljobs.worker.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mljobs.worker.Device;
import dev.mljobs.worker.FileCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Loads a model's ONNX session and tokenizer from the classpath. */
final class ModelLoader {

  private ModelLoader() {}

  /**
   * Loads a model afresh; callers other than tests and benchmarks want {@link ModelCache}.
   *
   * @param env where the cache directory is named ({@code MLJOBS_CACHE_DIR})
   * @throws IllegalStateException when the model cannot be loaded
   */
  static SentenceEncoder load(ModelSpec model, EncoderSettings settings, Map<String, String> env) {
    FileCache.prepareOnnxRuntime(env);
    // The tokenizer (DJL's native library, then the JSON) loads beside the graph: a cold start
    // waits for the slower of the two instead of their sum.
    CompletableFuture<HuggingFaceTokenizer> tokenizer =
        CompletableFuture.supplyAsync(() -> tokenizer(model));
    Device.Opened opened;
    try {
      opened = session(model, settings, FileCache.directory(env));
    } catch (RuntimeException e) {
      tokenizer.thenAccept(HuggingFaceTokenizer::close);
      throw e;
    }
    try {
      // One CUDA stream: runs in parallel would only queue on the GPU.
      int runs = opened.device() == Device.CUDA ? 1 : settings.parallelRuns();
      return new SentenceEncoder(
          model, OrtEnvironment.getEnvironment(), opened.session(), tokenizer.join(), runs);
    } catch (CompletionException e) {
      try {
        opened.session().close();
      } catch (OrtException closing) {
        e.addSuppressed(closing);
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static Device.Opened session(ModelSpec model, EncoderSettings settings, Path cacheDir) {
    URL graph = resource(model.modelResource());
    try {
      return settings
          .device()
          .open(
              model.id(),
              options -> {
                options.setIntraOpNumThreads(settings.intraOpThreads());
                // One graph, run sequentially: inter-op threads would only compete for the cores.
                options.setInterOpNumThreads(1);
                // Idle pool threads (intra-op > 1) sleep instead of spinning: on a shared or
                // fractional CPU (Lambda below 1,769 MB) spinning steals the cores the work needs.
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
              },
              options -> createSession(graph, cacheDir, options));
    } catch (OrtException e) {
      throw new IllegalStateException("could not load " + model.modelResource(), e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("could not read " + model.modelResource(), e.getCause());
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
   * A graph in a directory is read where it lies; one in a jar is read from its copy in the cache
   * directory, unpacked there by the first process (see {@link FileCache}). Where the cache cannot
   * be written, the graph is inflated to a temporary file, read, and deleted. Not a direct buffer:
   * that would count 90 MB against {@code -XX:MaxDirectMemorySize} (by default {@code -Xmx}) and
   * fail a small heap; not a byte[]: that would need a heap bigger than the model.
   */
  private static OrtSession createSession(
      URL graph, Path cacheDir, OrtSession.SessionOptions options) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Optional<Path> file = FileCache.file(graph, cacheDir);
    if (file.isPresent()) {
      return env.createSession(file.get().toString(), options);
    }
    try {
      Path temp = Files.createTempFile("mljobs-model-", ".onnx");
      try {
        try (InputStream in = graph.openStream()) {
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        return env.createSession(temp.toString(), options);
      } finally {
        Files.delete(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
