package dev.compose2eb.deploy;

import dev.compose2eb.aws.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentStatus;

/**
 * Watches one environment (by id) after an operation of ours until it has an outcome: Ready on the
 * new version with a health that has settled, a failure EB reported, EB terminating it, or the
 * deadline.
 *
 * <p>Health settles when one colour has held for the settling period and at least {@link #MIN_READS}
 * reads in a row: EB's enhanced health downgrades an environment only after an instance fails its
 * checks three times within a minute, so the first colour after Ready can be a stale Green, and a
 * brief Yellow while the new containers start is not a verdict. Grey (no data yet) never settles.
 */
final class Watch {
  static final int MIN_READS = 3;

  private final Environments envs;
  private final EventStream events;
  private final Waiter waiter;
  private final DeployRequest req;

  Watch(Environments envs, EventStream events, Waiter waiter, DeployRequest req) {
    this.envs = envs;
    this.events = events;
    this.waiter = waiter;
    this.req = req;
  }

  DeployOutcome await(String environmentId, String label, Deadline deadline) {
    while (true) {
      events.poll();
      Optional<EnvironmentDescription> env = envs.byId(req.application(), environmentId);
      if (env.isPresent() && gone(env.get())) {
        return terminated(label, env.get());
      }
      if (env.isPresent() && env.get().status() == EnvironmentStatus.READY) {
        if (events.failure().isPresent()) {
          return failed(label, env.get());
        }
        if (label.equals(env.get().versionLabel())) {
          events.poll(); // the closing events arrive with the move to Ready
          if (events.failure().isPresent()) {
            return failed(label, env.get());
          }
          return settle(environmentId, env.get(), label, deadline);
        }
      }
      if (!waiter.pause(deadline)) {
        return timedOut(label, deadline, env.map(e -> "it is still " + e.statusAsString()
            + " on version " + e.versionLabel()).orElse("it does not exist"));
      }
    }
  }

  private static boolean gone(EnvironmentDescription e) {
    return e.status() == EnvironmentStatus.TERMINATED || e.status() == EnvironmentStatus.TERMINATING;
  }

  private DeployOutcome settle(String id, EnvironmentDescription ready, String label, Deadline deadline) {
    EnvironmentDescription cur = ready;
    String colour = colour(cur);
    Instant since = waiter.clock().instant();
    int reads = 1;
    while (!settled(colour, reads, since)) {
      if (!waiter.pause(deadline)) {
        return outcome(cur, label, false);
      }
      events.poll();
      Optional<EnvironmentDescription> next = envs.byId(req.application(), id);
      if (next.isEmpty() || gone(next.get())) {
        return terminated(label, next.orElse(cur));
      }
      cur = next.get();
      String c = colour(cur);
      if (c.equals(colour)) {
        reads++;
      } else {
        colour = c;
        since = waiter.clock().instant();
        reads = 1;
      }
    }
    return outcome(cur, label, true);
  }

  /** The health colour; an operation in progress (someone else's) counts as no verdict yet. */
  private static String colour(EnvironmentDescription e) {
    return e.status() != EnvironmentStatus.READY || e.healthAsString() == null ? "Grey" : e.healthAsString();
  }

  private boolean settled(String colour, int reads, Instant since) {
    return !colour.equals("Grey") && reads >= MIN_READS
        && !Duration.between(since, waiter.clock().instant()).minus(req.healthSettle()).isNegative();
  }

  /** HEALTHY when Green has settled; otherwise UNHEALTHY with EB's causes. */
  DeployOutcome outcome(EnvironmentDescription env, String label, boolean settled) {
    String health = env.healthAsString();
    if ("Green".equals(health) && settled) {
      return new DeployOutcome(DeployOutcome.Status.HEALTHY, label, Optional.of(health), url(env), "");
    }
    List<String> causes = "Grey".equals(health) || health == null ? List.of()
        : envs.healthCauses(req.environment());
    String state = settled ? "its health is " + health
        : "its health had not settled when the timeout ran out (now " + health + ")";
    return new DeployOutcome(DeployOutcome.Status.UNHEALTHY, label, Optional.ofNullable(health), url(env),
        "the environment runs " + label + " but " + state
            + (causes.isEmpty() ? "" : " because: " + String.join("; ", causes))
            + "; check `aws elasticbeanstalk describe-environment-health --environment-name "
            + req.environment() + " --attribute-names All`", causes);
  }

  private DeployOutcome failed(String label, EnvironmentDescription env) {
    return new DeployOutcome(DeployOutcome.Status.FAILED, label,
        Optional.ofNullable(env.healthAsString()), url(env),
        "Elastic Beanstalk reported: " + events.failure().get() + "; see the events above, and"
            + " `aws elasticbeanstalk describe-events --environment-name " + req.environment() + "`");
  }

  private DeployOutcome terminated(String label, EnvironmentDescription env) {
    return new DeployOutcome(DeployOutcome.Status.FAILED, label, Optional.ofNullable(env.healthAsString()),
        Optional.empty(), "Elastic Beanstalk terminated environment " + req.environment() + " (it is "
            + env.statusAsString() + ")" + events.failure().map(f -> " after: " + f).orElse("")
            + "; see the events above, then run the deploy again with --create to make a new one");
  }

  DeployOutcome timedOut(String label, Deadline deadline, String state) {
    return new DeployOutcome(DeployOutcome.Status.TIMED_OUT, label, Optional.empty(), Optional.empty(),
        "gave up after " + deadline.budget() + ": " + state + "; run the deploy again with a longer"
            + " --timeout (it reuses what exists), or watch the environment's events");
  }

  static Optional<String> url(EnvironmentDescription env) {
    String cname = env.cname();
    return cname == null || cname.isEmpty() ? Optional.empty() : Optional.of("http://" + cname);
  }
}
