package dev.mljobs.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.mljobs.local.aws.S3ObjectCreated;
import dev.mljobs.local.aws.S3ObjectCreated.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which events a configuration takes, which configurations S3 refuses, and the record's form. */
class S3NotificationConfigurationTest {

  private static final LambdaTarget FUNCTION =
      new LambdaTarget("fn", (event, context) -> null, Duration.ofSeconds(3));

  private static LambdaFunctionConfiguration config(String id, String event, KeyFilter filter) {
    return new LambdaFunctionConfiguration(id, Set.of(event), filter, FUNCTION);
  }

  @Test
  void a_key_is_form_encoded_except_for_its_slashes() {
    assertThat(S3Events.encodedKey("inputs/a b+c=d/é€.json"))
        .isEqualTo("inputs/a+b%2Bc%3Dd/%C3%A9%E2%82%AC.json");
  }

  @Test
  void filters_are_matched_against_the_encoded_key_as_in_s3() {
    // given
    LambdaFunctionConfiguration spaced =
        config("spaced", "s3:ObjectCreated:*", KeyFilter.prefix("inputs/my+"));

    // then
    assertThat(spaced.matches("ObjectCreated:Put", S3Events.encodedKey("inputs/my file"))).isTrue();
    assertThat(spaced.matches("ObjectCreated:Put", S3Events.encodedKey("inputs/my+file")))
        .isFalse();
  }

  @Test
  void a_configuration_takes_its_event_types_only() {
    // given
    LambdaFunctionConfiguration puts = config("puts", "s3:ObjectCreated:Put", KeyFilter.ANY);
    LambdaFunctionConfiguration all = config("all", "s3:ObjectCreated:*", KeyFilter.ANY);

    // then
    assertThat(puts.matches("ObjectCreated:Put", "k")).isTrue();
    assertThat(puts.matches("ObjectCreated:Copy", "k")).isFalse();
    assertThat(all.matches("ObjectCreated:CompleteMultipartUpload", "k")).isTrue();
  }

  @Test
  void event_types_that_are_not_emulated_are_refused() {
    assertThatThrownBy(() -> config("gone", "s3:ObjectRemoved:*", KeyFilter.ANY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3:ObjectRemoved:*");
  }

  @Test
  void configurations_that_could_take_one_event_are_refused_as_s3_refuses_them() {
    // given: every .jpg under images/ is a Put for both
    List<LambdaFunctionConfiguration> overlapping =
        List.of(
            config("all-images", "s3:ObjectCreated:*", KeyFilter.prefix("images/")),
            config("jpg-puts", "s3:ObjectCreated:Put", new KeyFilter("images/2024/", ".jpg")));

    // then
    assertThatThrownBy(() -> new BucketNotificationConfiguration("b", overlapping))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlap");
  }

  @Test
  void configurations_apart_by_suffix_or_event_type_are_accepted() {
    // given
    List<LambdaFunctionConfiguration> apart =
        List.of(
            config("jpg", "s3:ObjectCreated:*", new KeyFilter("images/", ".jpg")),
            config("png", "s3:ObjectCreated:*", new KeyFilter("images/", ".png")),
            config("put", "s3:ObjectCreated:Put", KeyFilter.prefix("docs/")),
            config("copy", "s3:ObjectCreated:Copy", KeyFilter.prefix("docs/")));

    // then
    assertThat(new BucketNotificationConfiguration("b", apart).lambdaFunctionConfigurations())
        .hasSize(4);
  }

  @Test
  void two_configurations_of_a_bucket_cannot_share_an_id() {
    List<LambdaFunctionConfiguration> twins =
        List.of(
            config("same", "s3:ObjectCreated:Put", KeyFilter.prefix("a/")),
            config("same", "s3:ObjectCreated:Put", KeyFilter.prefix("b/")));

    assertThatThrownBy(() -> new BucketNotificationConfiguration("b", twins))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same");
  }

  @Test
  void the_event_time_always_has_milliseconds_as_s3_writes_it() {
    // given
    S3ObjectCreated created =
        new S3ObjectCreated(
            Operation.PUT, "b", "k", 0, "d41d8cd98f00b204e9800998ecf8427e", "01", Instant.EPOCH);

    // when
    S3Event event = S3Events.toEvent(created, "id", "eu-west-1");

    // then
    S3EventNotificationRecord record = event.getRecords().get(0);
    assertThat(record.getEventTime().toString()).isEqualTo("1970-01-01T00:00:00.000Z");
  }
}
