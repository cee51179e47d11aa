package dev.compose2eb.deploy;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventDescription;

/**
 * Streams an environment's events the way {@code eb} does: each poll asks for the events since the
 * last one seen and hands the new ones to the listener, oldest first. Remembers the failure messages
 * EB uses to say a deployment did not work.
 */
final class EventStream {
  static final List<String> FAILURE_MESSAGES = List.of(
      "Failed to deploy application",
      "Update environment operation is complete, but with errors",
      "Create environment operation is complete, but with errors",
      "Environment health has been set to RED",
      "Failed to launch environment");

  private final Clients clients;
  private final String application;
  private final String environment;
  private final DeployListener listener;
  private final Set<String> seen = new HashSet<>();
  private Instant since;
  private Optional<String> failure = Optional.empty();

  EventStream(Clients clients, String application, String environment, Instant since,
      DeployListener listener) {
    this.clients = clients;
    this.application = application;
    this.environment = environment;
    this.since = since;
    this.listener = listener;
  }

  void poll() {
    List<EventDescription> events = clients.eb().describeEvents(DescribeEventsRequest.builder()
        .applicationName(application).environmentName(environment).startTime(since).build()).events();
    events.stream().sorted(Comparator.comparing(EventDescription::eventDate)).forEach(e -> {
      String key = e.eventDate() + "|" + e.message();
      if (!seen.add(key)) {
        return;
      }
      listener.event(e.eventDate(), e.severityAsString() == null ? "INFO" : e.severityAsString(),
          e.message());
      if (FAILURE_MESSAGES.stream().anyMatch(f -> e.message() != null && e.message().startsWith(f))) {
        failure = Optional.of(e.message());
      }
      if (e.eventDate().isAfter(since)) {
        since = e.eventDate();
      }
    });
  }

  /** The last failure message EB reported, if any. */
  Optional<String> failure() {
    return failure;
  }

  /** Forgets the failure seen so far (before a rollback). */
  void clearFailure() {
    failure = Optional.empty();
  }
}
