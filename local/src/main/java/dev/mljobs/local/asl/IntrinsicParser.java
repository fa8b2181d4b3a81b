package dev.mljobs.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an intrinsic function call such as {@code States.Format('{} {}', $.a,
 * States.ArrayLength($.b))}: nested calls, quoted strings with backslash escapes, numbers, {@code
 * true}/{@code false}/{@code null} and paths (which may themselves hold commas and parentheses
 * inside brackets, as in {@code $.a[?(@.b > 1)]}).
 */
final class IntrinsicParser {
  private static final Pattern NAME = Pattern.compile("States\\.[A-Za-z0-9]+");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  /**
   * @throws IllegalArgumentException naming the position of the first syntax error
   */
  static IntrinsicCall parse(String text) {
    IntrinsicParser parser = new IntrinsicParser(text);
    IntrinsicCall call = parser.call();
    parser.skipSpaces();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the call");
    }
    return call;
  }

  private IntrinsicCall call() {
    Matcher name = NAME.matcher(text).region(pos, text.length());
    if (!name.lookingAt()) {
      throw error("expected a function name such as States.Format");
    }
    pos = name.end();
    expect('(');
    List<Expression> args = new ArrayList<>();
    skipSpaces();
    if (peek() != ')') {
      do {
        args.add(argument());
        skipSpaces();
      } while (consume(','));
    }
    expect(')');
    try {
      return IntrinsicCall.of(name.group(), args);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  private Expression argument() {
    skipSpaces();
    char c = peek();
    if (c == '\'') {
      return stringLiteral();
    }
    if (c == '$') {
      return path();
    }
    if (text.startsWith("States.", pos)) {
      return call();
    }
    for (String word : List.of("true", "false", "null")) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return literal(word);
      }
    }
    Matcher number = NUMBER.matcher(text).region(pos, text.length());
    if (number.lookingAt()) {
      pos = number.end();
      return literal(number.group());
    }
    throw error("expected a string, number, boolean, null, path or function call");
  }

  private Expression stringLiteral() {
    int start = ++pos;
    while (pos < text.length() && text.charAt(pos) != '\'') {
      pos += text.charAt(pos) == '\\' ? 2 : 1;
    }
    if (pos >= text.length()) {
      throw error("unterminated string");
    }
    return new StringLiteral(text.substring(start, pos++));
  }

  /** A path runs to the next comma or closing parenthesis that is not inside brackets. */
  private Expression path() {
    int start = pos;
    int brackets = 0;
    char quote = 0;
    for (; pos < text.length(); pos++) {
      char c = text.charAt(pos);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (brackets > 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      } else if (brackets == 0 && (c == ',' || c == ')')) {
        break;
      }
    }
    String path = text.substring(start, pos).strip();
    try {
      return Expression.parse(path);
    } catch (IllegalArgumentException e) {
      throw error("bad path '" + path + "': " + e.getMessage());
    }
  }

  private static Expression literal(String json) {
    try {
      return new Constant(Json.read(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the pattern only admits JSON literals", e);
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private boolean consume(char c) {
    skipSpaces();
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!consume(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(
        "intrinsic function syntax: " + problem + " at position " + pos + " of '" + text + "'");
  }
}
