package dev.mljobs.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Lambda function served in-process: JSON bytes in, JSON bytes out, as the Lambda invoke API sees
 * it. Wraps our handlers unchanged, so the very code that runs in AWS runs here.
 */
@FunctionalInterface
public interface LocalFunction {

  /**
   * Invokes the function once.
   *
   * @param payload the JSON event
   * @return the JSON response
   * @throws Exception whatever the handler throws; {@link LocalFunctions} reports it as Lambda does
   */
  byte[] invoke(byte[] payload, Context context) throws Exception;

  /** A handler of JSON values that Jackson maps to and from {@code type}. */
  static <I, O> LocalFunction of(RequestHandler<I, O> handler, Class<I> type, ObjectMapper json) {
    return (payload, context) -> {
      I event = json.readValue(payload, type);
      return json.writeValueAsBytes(handler.handleRequest(event, context));
    };
  }

  /** A handler that reads and writes the raw streams. */
  static LocalFunction of(RequestStreamHandler handler) {
    return (payload, context) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        handler.handleRequest(new ByteArrayInputStream(payload), out, context);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    };
  }
}
