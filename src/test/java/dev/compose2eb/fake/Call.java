package dev.compose2eb.fake;

import java.util.Map;
import java.util.TreeMap;

/**
 * One request the fake received; {@link FakeAws#calls()} lists them in the order they were answered.
 *
 * @param service signing name from the credential scope: elasticbeanstalk, iam, sts, ecr (or s3)
 * @param action operation name, e.g. {@code UpdateEnvironment}
 * @param region region from the credential scope
 * @param params request parameters, flattened the query way ({@code VersionLabels.member.1}; for ECR's
 *     JSON body {@code repositoryNames.1}, {@code imageScanningConfiguration.scanOnPush})
 * @param body the request body as sent (form or JSON), for checks that something never went over the wire
 * @param status HTTP status answered, 0 for an injected connection reset
 * @param write the action is one that can change state (Create*, Update*, Delete*, Attach*, Add*, Terminate*)
 * @param changedState the call did change the fake's state (false for failures and idempotent repeats)
 */
public record Call(
    String service,
    String action,
    String region,
    Map<String, String> params,
    String body,
    int status,
    boolean write,
    boolean changedState) {

  public Call {
    params = Map.copyOf(params);
  }

  /** The parameter, or "" when absent. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  @Override
  public String toString() {
    return service + ":" + action + " " + new TreeMap<>(params) + " -> " + status;
  }
}
