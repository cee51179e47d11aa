package dev.compose2eb.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** SSM Parameter Store, Secrets Manager and IAM inline policies of the fake, through the real SDK clients. */
class SecretStoresFakeTest {
  private FakeAws fake;
  private Sdk.Clients aws;

  @BeforeEach
  void start() {
    fake = FakeAws.start();
    aws = Sdk.clients(fake);
  }

  @AfterEach
  void stop() {
    aws.close();
    fake.close();
  }

  private void put(String name, String value, boolean overwrite) {
    aws.ssm().putParameter(b -> b.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(overwrite));
  }

  @Test
  void secureStringsRoundTripAndHideTheirValueWithoutDecryption() {
    put("/compose2eb/shop/prod/DB_PASSWORD", "hunter2", false);
    Parameter plain = aws.ssm().getParameter(b -> b.name("/compose2eb/shop/prod/DB_PASSWORD")).parameter();
    assertThat(plain.value()).isNotEqualTo("hunter2");
    assertThat(plain.type()).isEqualTo(ParameterType.SECURE_STRING);
    assertThat(plain.arn()).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/compose2eb/shop/prod/DB_PASSWORD");
    Parameter clear = aws.ssm().getParameter(b -> b.name("/compose2eb/shop/prod/DB_PASSWORD").withDecryption(true))
        .parameter();
    assertThat(clear.value()).isEqualTo("hunter2");
    assertThat(clear.version()).isEqualTo(1L);
    assertThatThrownBy(() -> put("/compose2eb/shop/prod/DB_PASSWORD", "other", false))
        .isInstanceOf(ParameterAlreadyExistsException.class);
    put("/compose2eb/shop/prod/DB_PASSWORD", "other", true);
    assertThat(fake.parameterValue("/compose2eb/shop/prod/DB_PASSWORD")).contains("other");
    assertThat(aws.ssm().getParameter(b -> b.name("/compose2eb/shop/prod/DB_PASSWORD")).parameter().version())
        .isEqualTo(2L);
  }

  @Test
  void getParametersListsTheMissingOnesAndByPathPages() {
    for (int i = 0; i < 12; i++) {
      put("/compose2eb/shop/prod/V" + (char) ('A' + i), "v" + i, false);
    }
    put("/compose2eb/shop/prod/deeper/X", "x", false);
    put("/compose2eb/shop/staging/V", "s", false);
    GetParametersResponse r = aws.ssm().getParameters(b -> b.names("/compose2eb/shop/prod/VA", "/nope")
        .withDecryption(true));
    assertThat(r.parameters()).extracting(Parameter::value).containsExactly("v0");
    assertThat(r.invalidParameters()).containsExactly("/nope");
    List<String> names = new ArrayList<>();
    aws.ssm().getParametersByPathPaginator(b -> b.path("/compose2eb/shop/prod").withDecryption(true))
        .forEach(page -> page.parameters().forEach(p -> names.add(p.name())));
    assertThat(names).hasSize(12).doesNotContain("/compose2eb/shop/prod/deeper/X", "/compose2eb/shop/staging/V");
    List<String> all = new ArrayList<>();
    aws.ssm().getParametersByPathPaginator(b -> b.path("/compose2eb/shop/prod").recursive(true))
        .forEach(page -> page.parameters().forEach(p -> all.add(p.name())));
    assertThat(all).hasSize(13);
    assertThat(fake.count("GetParametersByPath")).isEqualTo(4); // 12 in pages of 10, then 13
  }

  @Test
  void deleteAndErrors() {
    put("/a/b", "1", false);
    aws.ssm().deleteParameter(b -> b.name("/a/b"));
    assertThat(fake.parameterNames()).isEmpty();
    assertThatThrownBy(() -> aws.ssm().deleteParameter(b -> b.name("/a/b")))
        .isInstanceOf(ParameterNotFoundException.class);
    assertThatThrownBy(() -> aws.ssm().getParameter(b -> b.name("/a/b"))).isInstanceOf(ParameterNotFoundException.class);
    assertThatThrownBy(() -> put("/a/c", "x".repeat(4097), false)).isInstanceOf(SsmException.class)
        .hasMessageContaining("length between 1 and 4096").hasMessageNotContaining("xxxx");
  }

  @Test
  void faultsAreRetriedLikeTheOtherServices() {
    fake.inject("PutParameter", Fault.THROTTLE).inject("GetParameter", Fault.SERVER_ERROR)
        .inject("GetParameter", Fault.CONNECTION_RESET);
    put("/a/b", "1", false);
    assertThat(aws.ssm().getParameter(b -> b.name("/a/b").withDecryption(true)).parameter().value()).isEqualTo("1");
    assertThat(fake.count("PutParameter")).isEqualTo(2);
    assertThat(fake.count("GetParameter")).isEqualTo(3);
    assertThat(fake.writeCalls()).filteredOn(Call::changedState).hasSize(1);
  }

  @Test
  void secretsManagerCreatesPutsAndReads() {
    String arn = aws.secretsManager().createSecret(b -> b.name("compose2eb/shop/prod/API_KEY").secretString("k1"))
        .arn();
    assertThat(arn).matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:compose2eb/shop/prod/API_KEY-[a-z0-9]{6}");
    assertThatThrownBy(() -> aws.secretsManager().createSecret(b -> b.name("compose2eb/shop/prod/API_KEY")
        .secretString("k2"))).isInstanceOf(ResourceExistsException.class);
    aws.secretsManager().putSecretValue(b -> b.secretId(arn).secretString("k2"));
    assertThat(aws.secretsManager().getSecretValue(b -> b.secretId("compose2eb/shop/prod/API_KEY")).secretString())
        .isEqualTo("k2");
    assertThat(aws.secretsManager().describeSecret(b -> b.secretId("compose2eb/shop/prod/API_KEY")).arn())
        .isEqualTo(arn);
    assertThatThrownBy(() -> aws.secretsManager().getSecretValue(b -> b.secretId("nope")))
        .isInstanceOf(ResourceNotFoundException.class);
    fake.inject("GetSecretValue", Fault.THROTTLE);
    assertThat(aws.secretsManager().getSecretValue(b -> b.secretId(arn)).secretString()).isEqualTo("k2");
  }

  @Test
  void inlineRolePoliciesArePutOnceAndReadBack() {
    aws.iam().createRole(b -> b.roleName("r").assumeRolePolicyDocument("{}"));
    aws.iam().putRolePolicy(b -> b.roleName("r").policyName("p").policyDocument("{\"Version\":\"2012-10-17\"}"));
    assertThat(fake.rolePolicy("r", "p")).contains("{\"Version\":\"2012-10-17\"}");
    assertThat(aws.iam().getRolePolicy(b -> b.roleName("r").policyName("p")).policyDocument())
        .isEqualTo("%7B%22Version%22%3A%222012-10-17%22%7D");
    assertThatThrownBy(() -> aws.iam().getRolePolicy(b -> b.roleName("r").policyName("q")))
        .isInstanceOf(NoSuchEntityException.class);
  }
}
