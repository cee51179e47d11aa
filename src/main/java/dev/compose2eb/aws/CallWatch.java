package dev.compose2eb.aws;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every AWS call of a run, seen from the SDK's interceptor hooks: it gives the call its time
 * ({@link CallLimits}: per attempt, and what is left of the run's deadline), says within seconds
 * which service, operation and endpoint an unanswered call waits for, says each retry with its
 * attempt number, and turns a timeout into one message that names the operation and the endpoint.
 * The hooks are the SDK's documented ones: {@code modifyRequest} once per call (its request
 * override configuration carries the call's timeouts), {@code beforeTransmission} once per attempt.
 */
final class CallWatch implements ExecutionInterceptor {
  /** How the message of a timed-out call starts; {@link AwsFailure} takes it as the reason. */
  static final String NO_ANSWER = "no answer from ";
  /** How long an attempt waits before the console says what it waits for. */
  static final Duration WAITING_NOTE = Duration.ofSeconds(5);
  /** Calls that send a body of any size: only the socket's read timeout and the deadline bound them. */
  private static final Set<String> STREAMING = Set.of("PutObject", "UploadPart");

  private static final ExecutionAttribute<AtomicInteger> ATTEMPT = new ExecutionAttribute<>("compose2eb.attempt");
  private static final ExecutionAttribute<String> ENDPOINT = new ExecutionAttribute<>("compose2eb.endpoint");
  private static final ExecutionAttribute<CallLimits.Bound> BOUND = new ExecutionAttribute<>("compose2eb.bound");
  private static final ExecutionAttribute<ScheduledFuture<?>> NOTE = new ExecutionAttribute<>("compose2eb.note");

  private final CallLimits limits;
  private final int maxAttempts;
  private final Consumer<String> notes;
  private ScheduledExecutorService timer;

  CallWatch(CallLimits limits, int maxAttempts, Consumer<String> notes) {
    this.limits = limits;
    this.maxAttempts = maxAttempts;
    this.notes = notes;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    Optional<CallLimits.Bound> bound = limits.bound();
    bound.ifPresent(b -> attributes.putAttribute(BOUND, b));
    Duration attempt = limits.attempt();
    Duration total = null;
    if (bound.isPresent()) {
      Duration left = bound.get().deadline().remaining();
      total = left.isZero() ? CallLimits.AFTER_DEADLINE : left;
      attempt = attempt.compareTo(total) < 0 ? attempt : total;
    }
    if (!(context.request() instanceof AwsRequest request)) {
      return context.request();
    }
    AwsRequestOverrideConfiguration.Builder config = request.overrideConfiguration()
        .map(AwsRequestOverrideConfiguration::toBuilder)
        .orElseGet(AwsRequestOverrideConfiguration::builder);
    if (!STREAMING.contains(operation(attributes))) {
      config.apiCallAttemptTimeout(attempt);
    }
    if (total != null) {
      config.apiCallTimeout(total);
    }
    return request.toBuilder().overrideConfiguration(config.build()).build();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    AtomicInteger attempt = attributes.getAttribute(ATTEMPT);
    if (attempt == null) {
      attempt = new AtomicInteger();
      attributes.putAttribute(ATTEMPT, attempt);
    }
    int n = attempt.incrementAndGet();
    String endpoint = endpoint(context.httpRequest().getUri());
    attributes.putAttribute(ENDPOINT, endpoint);
    String what = what(attributes) + " at " + endpoint;
    if (n > 1) {
      notes.accept("retrying " + what + ": attempt " + n + " of " + maxAttempts);
    }
    // once the call has gone unanswered for a while, say so; again for each later attempt that does
    ScheduledFuture<?> pending = attributes.getAttribute(NOTE);
    if (pending == null || pending.isDone()) {
      AtomicInteger current = attempt;
      attributes.putAttribute(NOTE, timer().schedule(() -> notes.accept("waiting for " + what
          + " (attempt " + current.get() + " of " + maxAttempts + ", no answer for "
          + Deadline.text(WAITING_NOTE) + ")"), WAITING_NOTE.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    cancelNote(attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    cancelNote(attributes);
  }

  @Override
  public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
    cancelNote(attributes); // the hooks after a failure run in this order; the note must not follow the error
    Throwable e = context.exception();
    if (!timedOut(e)) {
      return e;
    }
    String endpoint = attributes.getAttribute(ENDPOINT);
    if (endpoint == null) {
      URI client = attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
      endpoint = client == null ? "its endpoint" : endpoint(client);
    }
    AtomicInteger attempts = attributes.getAttribute(ATTEMPT);
    int n = attempts == null ? 0 : attempts.get();
    CallLimits.Bound bound = attributes.getAttribute(BOUND);
    String when = bound != null && bound.deadline().passed()
        ? "before " + bound.describe() + " ran out (" + n + (n == 1 ? " attempt)" : " attempts)")
        : "in " + n + (n == 1 ? " attempt of " : " attempts of ") + Deadline.text(limits.attempt())
            + (n == 1 ? "" : " each");
    String message = NO_ANSWER + what(attributes) + " at " + endpoint + " " + when;
    return ApiCallTimeoutException.builder().message(message).cause(e).build();
  }

  /** Stops the timer of the waiting notes; the clients are closed with it. */
  synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "compose2eb-call-watch");
        t.setDaemon(true);
        return t;
      });
    }
    return timer;
  }

  private static void cancelNote(ExecutionAttributes attributes) {
    ScheduledFuture<?> note = attributes.getAttribute(NOTE);
    if (note != null) {
      note.cancel(false);
    }
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ApiCallTimeoutException || c instanceof ApiCallAttemptTimeoutException
          || c instanceof SocketTimeoutException || c instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String operation(ExecutionAttributes attributes) {
    String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return op == null ? "" : op;
  }

  /** The SDK's service names (the client's name) as AWS writes them. */
  private static final Map<String, String> SERVICES = Map.of("Sts", "STS", "ElasticBeanstalk",
      "Elastic Beanstalk", "Ecr", "ECR", "Iam", "IAM", "Ssm", "SSM", "SecretsManager",
      "Secrets Manager");

  /** "STS GetCallerIdentity", "Elastic Beanstalk DescribeEnvironments". */
  private static String what(ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    return (service == null ? "AWS" : SERVICES.getOrDefault(service, service)) + " "
        + operation(attributes);
  }

  /** scheme://host[:port], without the path (an S3 key or a query says nothing about the wait). */
  static String endpoint(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
