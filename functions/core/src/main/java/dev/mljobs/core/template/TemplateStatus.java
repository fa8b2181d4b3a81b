package dev.mljobs.core.template;

import java.util.Locale;

/** A template is active until archived; archiving is final. */
public enum TemplateStatus {
  ACTIVE,
  ARCHIVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
