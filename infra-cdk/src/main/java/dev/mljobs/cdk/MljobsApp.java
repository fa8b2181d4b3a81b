package dev.mljobs.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one stack, checked by cdk-nag's AwsSolutions pack. Run by {@code scripts/synth} and
 * {@code scripts/deploy} (through {@code cdk.json}).
 */
public final class MljobsApp {

  private MljobsApp() {}

  public static void main(String[] args) {
    App app = new App();
    Path root = Path.of(System.getProperty("mljobs.root", "..")).toAbsolutePath().normalize();
    build(app, StackConfig.fromContext(app.getNode(), root));
    app.synth();
  }

  /** The stack in {@code app}, with the cdk-nag checks every synthesis runs. */
  public static MljobsStack build(App app, StackConfig config) {
    return build(
        app,
        config,
        Environment.builder()
            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
            .region(System.getenv("CDK_DEFAULT_REGION"))
            .build());
  }

  /** The stack for the account and region {@code env} (as {@code cdk deploy} synthesises it). */
  public static MljobsStack build(App app, StackConfig config, Environment env) {
    MljobsStack stack =
        new MljobsStack(
            app,
            "Mljobs",
            StackProps.builder()
                .description("mljobs: serverless machine-learning jobs")
                .env(env)
                .build(),
            config);
    Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
    return stack;
  }
}
