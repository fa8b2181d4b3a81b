package dev.mljobs.core.job;

import java.util.Locale;

/**
 * The one rule for the length of an error message kept with a job or a run: at most {@link
 * #MAX_LENGTH} characters. A longer one keeps its first and last parts around a marker saying how
 * much was left out: the first lines usually say what failed, the last ones (a stack trace's root
 * cause, a log's final line) why. Every place that makes an error message goes through {@link
 * #fit}, so that no bookkeeping ever fails on a long message.
 */
public final class ErrorMessages {

  public static final int MAX_LENGTH = 4096;

  private ErrorMessages() {}

  /**
   * @return {@code message} itself when it fits, otherwise its head, a marker such as {@code […
   *     5,904 characters left out …]} and its tail, together at most {@link #MAX_LENGTH}
   *     characters; {@code null} stays {@code null}
   */
  public static String fit(String message) {
    if (message == null || message.length() <= MAX_LENGTH) {
      return message;
    }
    // room for the longest marker this message can need: a marker's length grows with its count
    int kept = MAX_LENGTH - marker(message.length()).length();
    int head = cut(message, kept - kept / 3, -1);
    int tail = cut(message, message.length() - (kept - head), +1);
    return message.substring(0, head) + marker(tail - head) + message.substring(tail);
  }

  private static String marker(int omitted) {
    return String.format(Locale.ROOT, " [… %,d characters left out …] ", omitted);
  }

  /** {@code index}, moved by {@code step} when it would split a surrogate pair. */
  private static int cut(String text, int index, int step) {
    return Character.isHighSurrogate(text.charAt(index - 1))
            && Character.isLowSurrogate(text.charAt(index))
        ? index + step
        : index;
  }
}
