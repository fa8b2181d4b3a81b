package dev.mljobs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.FiringLedger;
import dev.mljobs.core.schedule.FiringOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FiringLedger} must do; run against the fake and against DynamoDB Local. */
public abstract class FiringLedgerContract {

  private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");

  protected FiringLedger ledger;

  /** A new, empty ledger. */
  protected abstract FiringLedger newLedger();

  @BeforeEach
  void freshLedger() {
    ledger = newLedger();
  }

  private static Firing firing(String scheduleId, Instant at) {
    return new Firing(
        scheduleId, at, FiringOutcome.JOB_CREATED, UUID.randomUUID(), false, at.plusMillis(5));
  }

  @Test
  void a_firing_is_read_back_whole() {
    Firing firing = firing("s-1", T0);
    assertThat(ledger.record(firing)).isEqualTo(firing);
    assertThat(ledger.find("s-1", T0)).contains(firing);
    assertThat(ledger.find("s-1", T0.plusSeconds(1))).isEmpty();
    assertThat(ledger.find("s-2", T0)).isEmpty();
  }

  @Test
  void the_first_firing_of_a_time_stands() throws Exception {
    // given two deliveries of one fire time, racing
    Firing first = firing("s-1", T0);
    Firing second = firing("s-1", T0);
    // when
    var a = CompletableFuture.supplyAsync(() -> ledger.record(first));
    var b = CompletableFuture.supplyAsync(() -> ledger.record(second));
    // then both see the same winner, and it is the one stored
    Firing winner = a.get();
    assertThat(b.get()).isEqualTo(winner);
    assertThat(ledger.find("s-1", T0)).contains(winner);
    assertThat(ledger.list("s-1", null, 10).firings()).containsExactly(winner);
  }

  @Test
  void lists_a_schedules_firings_newest_first_in_pages() {
    List<Instant> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant at = T0.plusSeconds(3600L * i);
      ledger.record(firing("s-1", at));
      newestFirst.add(0, at);
    }
    ledger.record(firing("s-2", T0.plusSeconds(99_999)));
    List<Instant> seen = new ArrayList<>();
    FiringLedger.Page page = ledger.list("s-1", null, 2);
    page.firings().forEach(f -> seen.add(f.scheduledTime()));
    while (page.next() != null) {
      page = ledger.list("s-1", page.next(), 2);
      page.firings().forEach(f -> seen.add(f.scheduledTime()));
    }
    assertThat(seen).isEqualTo(newestFirst);
  }
}
