package dev.mljobs.handlers.observe;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every handler does around an invocation: Powertools' logging context (function name and
 * version, request id, cold start), cleared afterwards so that a warm instance never carries one
 * invocation's fields into the next.
 */
public final class Invocations {

  private Invocations() {}

  /** An invocation of a stream handler. */
  @FunctionalInterface
  public interface StreamInvocation {
    void run() throws IOException;
  }

  /** Runs one invocation of a stream handler inside its logging context. */
  public static void loggedStream(Context context, StreamInvocation invocation) throws IOException {
    try {
      logged(
          context,
          () -> {
            try {
              invocation.run();
              return null;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Runs one invocation of a handler inside its logging context. */
  public static <T> T logged(Context context, Supplier<T> invocation) {
    return context == null ? invocation.get() : PowertoolsLogging.withLogging(context, invocation);
  }
}
