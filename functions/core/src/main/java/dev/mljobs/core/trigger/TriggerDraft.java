package dev.mljobs.core.trigger;

import java.util.List;

/** The settings of a trigger a client chooses; checked by {@link TriggerService}. */
public record TriggerDraft(
    String name, String templateId, String prefix, List<String> suffixes, boolean enabled) {

  public TriggerDraft {
    suffixes = suffixes == null ? List.of() : List.copyOf(suffixes);
    prefix = prefix == null ? "" : prefix;
  }
}
