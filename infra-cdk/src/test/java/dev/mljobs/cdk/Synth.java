package dev.mljobs.cdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** One synthesis of the app for a test class (the first one in a JVM costs ~10 s). */
final class Synth {

  static final Path ROOT =
      Path.of(System.getProperty("mljobs.root", "..")).toAbsolutePath().normalize();

  private static Synth shared;

  final App app;
  final MljobsStack stack;
  final Template template;
  final Path outdir;

  private Synth(App app, MljobsStack stack, Path outdir) {
    this.app = app;
    this.stack = stack;
    this.template = Template.fromStack(stack);
    this.outdir = outdir;
  }

  /** The app with the default settings, synthesised once for all test classes of this JVM. */
  static synchronized Synth shared() throws IOException {
    if (shared == null) {
      shared = app(Map.of());
      shared.app.synth();
    }
    return shared;
  }

  /** The shared template as JSON. */
  static com.fasterxml.jackson.databind.JsonNode sharedJson() throws IOException {
    return shared().json();
  }

  /** The template as JSON, as CloudFormation receives it. */
  com.fasterxml.jackson.databind.JsonNode json() {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(template.toJSON());
  }

  /**
   * The app with the default settings. The Lambda code is the real shaded jar when it was built,
   * else an empty jar: these tests assert the template, not the code inside the asset.
   */
  static Synth app(Map<String, Object> context) throws IOException {
    return app(context, null);
  }

  /** The app for one account and region, as {@code cdk deploy} synthesises it. */
  static Synth app(Map<String, Object> context, software.amazon.awscdk.Environment env)
      throws IOException {
    Path jar = ROOT.resolve(StackConfig.LAMBDA_JAR);
    if (!Files.isRegularFile(jar)) {
      jar = Files.createTempFile("mljobs-handlers", ".jar");
    }
    Path out = Files.createTempDirectory("mljobs-cdk-out");
    App app =
        App.Builder.create()
            .outdir(out.toString())
            .context(
                new java.util.HashMap<>(
                    Map.of(
                        // the images' build contexts are referenced in place, not copied
                        "aws:cdk:disable-asset-staging", true)))
            .build();
    context.forEach((k, v) -> app.getNode().setContext(k, v));
    app.getNode().setContext("lambdaJar", jar.toString());
    StackConfig config = StackConfig.fromContext(app.getNode(), ROOT);
    MljobsStack stack =
        env == null ? MljobsApp.build(app, config) : MljobsApp.build(app, config, env);
    return new Synth(app, stack, out);
  }
}
