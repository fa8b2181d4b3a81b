package dev.mljobs.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack over the whole app: no finding left unsuppressed. */
class NagTest {

  static Synth synth;

  @BeforeAll
  static void synthesise() throws Exception {
    synth = Synth.shared();
  }

  @Test
  @SuppressWarnings("deprecation") // Annotations answers with cxapi.SynthesisMessage, its only type
  void the_app_has_no_unsuppressed_aws_solutions_error() {
    List<SynthesisMessage> errors =
        Annotations.fromStack(synth.stack)
            .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    assertThat(errors.stream().map(m -> m.getId() + " " + m.getEntry().getData()).toList())
        .isEmpty();
  }

  @Test
  @SuppressWarnings("deprecation") // Annotations answers with cxapi.SynthesisMessage, its only type
  void the_app_has_no_unsuppressed_aws_solutions_warning() {
    List<SynthesisMessage> warnings =
        Annotations.fromStack(synth.stack)
            .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    assertThat(warnings.stream().map(m -> m.getId() + " " + m.getEntry().getData()).toList())
        .isEmpty();
  }

  @Test
  @SuppressWarnings("deprecation") // Annotations answers with cxapi.SynthesisMessage, its only type
  void the_app_for_a_concrete_account_and_region_has_no_unsuppressed_finding() throws Exception {
    // cdk deploy synthesises with the account and region: ARNs then hold them, not tokens
    Synth deployed =
        Synth.app(
            java.util.Map.of(),
            software.amazon.awscdk.Environment.builder()
                .account("123456789012")
                .region("eu-west-1")
                .build());
    List<SynthesisMessage> findings =
        new java.util.ArrayList<>(
            Annotations.fromStack(deployed.stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    findings.addAll(
        Annotations.fromStack(deployed.stack)
            .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    assertThat(findings.stream().map(m -> m.getId() + " " + m.getEntry().getData()).toList())
        .isEmpty();
  }
}
