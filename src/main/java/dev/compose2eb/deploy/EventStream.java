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
 * last one seen and hands the new ones to the listener, oldest first. The stream starts at a time
 * EB itself gave (an operation's DateCreated/DateUpdated), never the local clock, so a skewed local
 * clock cannot hide the first events. Remembers the failure messages EB uses to say an operation
 * did not work.
 */
final class EventStream {
  /**
   * Every event the eb CLI raises an error on (ebcli/operations/commonops.py
   * {@code _raise_if_error_event}, with the texts of ebcli/resources/strings.py {@code responses}),
   * matched as prefixes; plus EB's "However, there were issues during launch." (EB's event reference),
   * on which {@code eb} only stops waiting.
   */
  static final List<String> FAILURE_PREFIXES = List.of(
      "Environment health has been set to RED",
      "Failed to launch environment",
      "Failed to deploy application",
      "Failed to deploy configuration",
      "The environment was reverted to the previous configuration setting",
      "Create environment operation is complete, but with errors",
      "Update environment operation is complete, but with errors",
      "Failed to pull logs for environment instances",
      "ECS Application sourcebundle validation error");
  static final String LAUNCH_ISSUES = "However, there were issues during launch.";

  private final Clients clients;
  private final String application;
  private final String environment;
  private final DeployListener listener;
  private final Set<String> seen = new HashSet<>();
  private Instant since;
  private Optional<String> failure = Optional.empty();

  EventStream(Clients clients, String application, String environment, DeployListener listener) {
    this.clients = clients;
    this.application = application;
    this.environment = environment;
    this.listener = listener;
  }

  /** True for every event text that says an operation failed. */
  static boolean isFailure(String message) {
    if (message == null) {
      return false;
    }
    return FAILURE_PREFIXES.stream().anyMatch(message::startsWith) || message.contains(LAUNCH_ISSUES)
        || message.startsWith("Finished processing application version") && message.endsWith("FAILED.");
  }

  /** True for the events that end a failed launch (the environment exists but never ran). */
  static boolean isLaunchFailure(String message) {
    return message != null && (message.startsWith("Failed to launch environment")
        || message.startsWith("Create environment operation is complete, but with errors")
        || message.contains(LAUNCH_ISSUES));
  }

  /** Starts the stream at a server time, unless it has started already. */
  void startAt(Instant serverTime) {
    if (since == null && serverTime != null) {
      since = serverTime;
    }
  }

  /** Starts the stream after an event already read (it is not shown again). */
  void startAfter(EventDescription newest) {
    seen.add(key(newest));
    startAt(newest.eventDate());
  }

  void poll() {
    if (since == null) {
      return; // no server time yet: nothing of ours can have happened
    }
    List<EventDescription> events = clients.eb().describeEvents(DescribeEventsRequest.builder()
        .applicationName(application).environmentName(environment).startTime(since).build()).events();
    events.stream().sorted(Comparator.comparing(EventDescription::eventDate)).forEach(e -> {
      if (!seen.add(key(e))) {
        return;
      }
      listener.event(e.eventDate(), e.severityAsString() == null ? "INFO" : e.severityAsString(),
          e.message());
      if (isFailure(e.message())) {
        failure = Optional.of(e.message());
      }
      if (e.eventDate().isAfter(since)) {
        since = e.eventDate();
      }
    });
  }

  private static String key(EventDescription e) {
    return e.eventDate() + "|" + e.message();
  }

  /** The last failure message EB reported, if any. */
  Optional<String> failure() {
    return failure;
  }

  /** Forgets the failure seen so far (before an operation of ours starts, or a rollback). */
  void clearFailure() {
    failure = Optional.empty();
  }
}
