package dev.mljobs.local.asl;

import java.util.regex.Pattern;

/**
 * StringMatches: {@code *} matches any run of characters, {@code \*} a literal star and {@code \\}
 * a literal backslash; every other character, {@code ?} and {@code [} included, is itself.
 */
final class StringMatcher {
  private final Pattern pattern;

  StringMatcher(String wildcard) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < wildcard.length(); i++) {
      char c = wildcard.charAt(i);
      if (c == '\\' && i + 1 < wildcard.length()) {
        literal.append(wildcard.charAt(++i));
      } else if (c == '*') {
        regex.append(Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  boolean matches(String text) {
    return pattern.matcher(text).matches();
  }
}
