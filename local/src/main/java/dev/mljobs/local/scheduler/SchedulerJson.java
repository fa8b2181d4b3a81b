package dev.mljobs.local.scheduler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The JSON of the Scheduler API (restJson1), used on the wire and in the data directory alike.
 *
 * <p>restJson1 writes timestamps as epoch seconds, a JSON number with a fraction; the SDK reads
 * them to the millisecond, so instants are kept and written to the millisecond.
 */
final class SchedulerJson {

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(
              new SimpleModule("epoch-seconds")
                  .addSerializer(Instant.class, new EpochSecondsSerializer())
                  .addDeserializer(Instant.class, new EpochSecondsDeserializer()))
          // The SDK sends members the emulator ignores (KmsKeyArn, EcsParameters, ...).
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  private SchedulerJson() {}

  /** {@code instant}, cut to the millisecond the SDK keeps; null stays null. */
  static Instant millis(Instant instant) {
    return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
  }

  private static final class EpochSecondsSerializer extends StdSerializer<Instant> {
    EpochSecondsSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
    }
  }

  private static final class EpochSecondsDeserializer extends StdDeserializer<Instant> {
    EpochSecondsDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.currentToken().isNumeric()) {
        return (Instant) context.handleUnexpectedToken(Instant.class, parser);
      }
      BigDecimal seconds = parser.getDecimalValue();
      return Instant.ofEpochMilli(
          seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact());
    }
  }
}
