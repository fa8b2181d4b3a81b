package dev.mljobs.worker.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible English sentences of 8 to 30 words, the same on every run: a fixed seed picks from a
 * small grammar (clauses of subject, verb, object and phrases), so that token lengths vary as in
 * real text and no download is needed.
 */
final class BenchmarkSentences {

  private static final String[] SUBJECTS = {
    "the engineer",
    "our team",
    "a small company",
    "the new scheduler",
    "every customer",
    "the research group",
    "my neighbour",
    "the city council",
    "this quarterly report",
    "the support desk",
    "a tired student",
    "the mobile app",
    "the old library",
    "the pilot"
  };
  private static final String[] ADJECTIVES = {
    "quiet", "reliable", "expensive", "broken", "shared", "remote", "urgent", "detailed",
    "seasonal", "wooden", "crowded", "careful", "annual", "unexpected", "green", "fast"
  };
  private static final String[] VERBS = {
    "reviewed",
    "ordered",
    "repaired",
    "described",
    "cancelled",
    "measured",
    "published",
    "explained",
    "delivered",
    "tested",
    "painted",
    "moved",
    "compared",
    "approved",
    "lost"
  };
  private static final String[] NOUNS = {
    "invoice", "bridge", "database", "garden", "contract", "recipe", "train", "budget",
    "experiment", "playlist", "kitchen", "server", "painting", "schedule", "warehouse", "river"
  };
  private static final String[] PHRASES = {
    "before the meeting", "after a long week", "in the north office", "without any warning",
    "during the storm", "for the second time", "with great care", "on Monday morning",
    "despite the delays", "near the station", "at the end of the month", "by the river"
  };
  private static final String[] JOINERS = {"and then", "because", "although", "while", "so"};

  private BenchmarkSentences() {}

  static List<String> generate(int count, long seed) {
    Random random = new Random(seed);
    List<String> sentences = new ArrayList<>(count);
    while (sentences.size() < count) {
      int target = 8 + random.nextInt(23);
      StringBuilder s = new StringBuilder(clause(random));
      while (words(s) < target) {
        s.append(' ').append(pick(random, JOINERS)).append(' ').append(clause(random));
      }
      String[] words = s.toString().split(" ");
      String sentence = String.join(" ", java.util.Arrays.copyOf(words, target));
      sentences.add(Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".");
    }
    return sentences;
  }

  private static String clause(Random r) {
    String clause =
        pick(r, SUBJECTS)
            + " "
            + pick(r, VERBS)
            + " the "
            + pick(r, ADJECTIVES)
            + " "
            + pick(r, NOUNS);
    return r.nextBoolean() ? clause + " " + pick(r, PHRASES) : clause;
  }

  private static int words(CharSequence s) {
    return s.toString().split(" ").length;
  }

  private static String pick(Random r, String[] words) {
    return words[r.nextInt(words.length)];
  }
}
