package dev.mljobs.core.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A binding of a prefix of its owner's upload area to a template: every object created under the
 * prefix (and ending in one of the suffixes, when any are given) becomes one job of the template.
 *
 * @param prefix relative to {@code uploads/<owner>/}; empty for the whole area
 * @param suffixes compared case-insensitively; empty for every object
 * @param counts what the trigger has made so far (kept by the store, never set by a client)
 */
public record Trigger(
    String triggerId,
    String owner,
    String name,
    String templateId,
    String prefix,
    List<String> suffixes,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt,
    TriggerCounts counts) {

  public Trigger {
    suffixes = List.copyOf(suffixes);
    counts = counts == null ? TriggerCounts.NONE : counts;
  }

  /** Whether an object of this owner's upload area, by its key inside the area, is watched. */
  public boolean watches(String relativeKey) {
    if (!relativeKey.startsWith(prefix) || relativeKey.endsWith("/")) {
      return false;
    }
    String lower = relativeKey.toLowerCase(Locale.ROOT);
    return suffixes.isEmpty()
        || suffixes.stream().anyMatch(s -> lower.endsWith(s.toLowerCase(Locale.ROOT)));
  }

  /** The trigger with the settings of {@code draft}, changed at {@code now}. */
  public Trigger with(TriggerDraft draft, Instant now) {
    return new Trigger(
        triggerId,
        owner,
        draft.name(),
        draft.templateId(),
        draft.prefix(),
        draft.suffixes(),
        draft.enabled(),
        createdAt,
        now,
        counts);
  }

  /** What a client may change, as it stands. */
  public TriggerDraft draft() {
    return new TriggerDraft(name, templateId, prefix, suffixes, enabled);
  }
}
