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
}
