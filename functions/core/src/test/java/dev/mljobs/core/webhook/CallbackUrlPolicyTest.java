package dev.mljobs.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlPolicyTest {

  /** Host names and what they resolve to, as a DNS server (or an attacker's) would answer. */
  private static final Map<String, String[]> DNS =
      Map.of(
          "hooks.example.com", new String[] {"93.184.216.34"},
          "localhost", new String[] {"127.0.0.1", "::1"},
          "internal.example.com", new String[] {"10.0.0.5"},
          "metadata.example.com", new String[] {"169.254.169.254"},
          "half.example.com", new String[] {"93.184.216.34", "192.168.1.7"},
          "v6.example.com", new String[] {"2606:2800:220:1:248:1893:25c8:1946"},
          "ula.example.com", new String[] {"fd12:3456::1"});

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String[] answers = DNS.get(host);
    if (answers == null) {
      throw new UnknownHostException(host);
    }
    InetAddress[] all = new InetAddress[answers.length];
    for (int i = 0; i < answers.length; i++) {
      all[i] = InetAddress.getByName(answers[i]); // literals: no lookup
    }
    return all;
  }

  private final CallbackUrlPolicy aws =
      new CallbackUrlPolicy(true, List.of(), CallbackUrlPolicyTest::resolve);
  private final CallbackUrlPolicy local =
      new CallbackUrlPolicy(false, List.of(), CallbackUrlPolicyTest::resolve);

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1/hook            | a loopback",
        "http://127.0.0.2:8080/hook       | a loopback",
        "http://2130706433/hook           | a loopback",
        "http://0x7f.1/hook               | a loopback",
        "http://0x7f000001/hook           | a loopback",
        "http://0177.0.0.1/hook           | a loopback",
        "http://017700000001/hook         | a loopback",
        "http://127.1/hook                | a loopback",
        "http://[::1]/hook                | a loopback",
        "http://[::ffff:127.0.0.1]/hook   | a loopback",
        "http://[::ffff:7f00:1]/hook      | a loopback",
        "http://[::127.0.0.1]/hook        | a loopback",
        "http://[64:ff9b::7f00:1]/hook    | a loopback",
        "http://[2002:7f00:1::]/hook      | a loopback",
        "http://[fd00::1]/hook            | a unique-local",
        "http://[fe80::1]/hook            | a link-local",
        "http://0.0.0.0/hook              | an unspecified",
        "http://0/hook                    | an unspecified",
        "http://[::]/hook                 | an unspecified",
        "http://169.254.169.254/latest    | a link-local",
        "http://[::ffff:169.254.169.254]/ | a link-local",
        "http://10.1.2.3/hook             | a private",
        "http://172.16.0.1/hook           | a private",
        "http://192.168.1.1/hook          | a private",
        "http://[::ffff:10.0.0.1]/hook    | a private",
        "http://224.0.0.1/hook            | a multicast",
        "http://[ff02::1]/hook            | a multicast",
        "http://100.64.0.1/hook           | a reserved",
        "http://255.255.255.255/hook      | a broadcast",
        "http://[::ffff:0:a9fe:a9fe]/     | a link-local",
        "http://[::ffff:0:7f00:1]/hook  | a loopback",
        "http://[::ffff:0:10.0.0.1]/hook  | a private",
        "http://[64:ff9b:1::a9fe:a9fe]/   | a reserved",
        "http://[64:ff9b:1:0:a9:fe00:a9fe::]/ | a reserved",
      })
  void non_public_addresses_are_refused_in_every_notation(String url, String kind) {
    assertThatThrownBy(() -> local.check(url))
        .isInstanceOf(RefusedCallbackUrlException.class)
        .hasMessageStartingWith("callback_url ")
        .hasMessageContaining(kind + " address");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost/hook",
        "http://LOCALHOST:9000/hook",
        "http://internal.example.com/",
        "http://metadata.example.com/",
        "http://half.example.com/",
        "http://ula.example.com/",
        "http://nowhere.example.com/"
      })
  void a_host_name_that_is_not_public_reads_the_same_whether_it_resolves_or_not(String url) {
    // one message for both, so that no one learns which internal names exist
    String host = java.net.URI.create(url).getHost().toLowerCase(java.util.Locale.ROOT);
    assertThatThrownBy(() -> local.check(url))
        .isInstanceOf(RefusedCallbackUrlException.class)
        .hasMessage("callback_url host " + host + " is not a public address that can be called");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://[fe80::1%25lo]/",
        "https://[fe80::1%25eth0]:8443/hook",
        "https://[fe80::1%lo]/",
        "https://[::1%251]/",
        "https://[2606:2800:220:1:248:1893:25c8:1946%25x]/"
      })
  void an_ipv6_zone_id_is_refused(String url) {
    assertThatThrownBy(() -> aws.check(url))
        .isInstanceOfSatisfying(
            RefusedCallbackUrlException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessageStartingWith("callback_url ");
    assertThatThrownBy(() -> aws.addresses("[fe80::1%lo]"))
        .hasMessage("callback_url host must not name an IPv6 zone (%)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://a@127.0.0.1/hook",
        "http://hooks.example.com@127.0.0.1/hook",
        "http://user:pw@hooks.example.com/hook"
      })
  void user_information_is_refused(String url) {
    assertThatThrownBy(() -> local.check(url))
        .isInstanceOf(RefusedCallbackUrlException.class)
        .hasMessageContaining("user information");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://hooks.example.com/",
        "file:///etc/passwd",
        "hooks.example.com/x",
        "http://"
      })
  void only_absolute_http_urls_with_a_host_are_accepted(String url) {
    assertThatThrownBy(() -> local.check(url)).isInstanceOf(RefusedCallbackUrlException.class);
  }

  @Test
  void public_hosts_and_addresses_are_accepted() {
    assertThat(aws.check("https://hooks.example.com/a?b=c").getHost())
        .isEqualTo("hooks.example.com");
    assertThat(aws.check("https://v6.example.com/").getHost()).isEqualTo("v6.example.com");
    assertThat(aws.check("https://93.184.216.34:8443/x").getPort()).isEqualTo(8443);
    assertThat(aws.check("https://[2606:2800:220:1:248:1893:25c8:1946]/x")).isNotNull();
    assertThat(local.check("http://hooks.example.com/a")).isNotNull();
  }

  @Test
  void plain_http_is_refused_in_aws_and_accepted_locally() {
    assertThatThrownBy(() -> aws.check("http://hooks.example.com/a"))
        .hasMessage("callback_url must use https");
    assertThat(local.check("http://hooks.example.com/a")).isNotNull();
  }

  @Test
  void a_host_that_does_not_resolve_is_refused_as_transient() {
    assertThatThrownBy(() -> local.check("http://nowhere.example.com/"))
        .isInstanceOfSatisfying(
            RefusedCallbackUrlException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessage(
            "callback_url host nowhere.example.com is not a public address that can be called");
  }

  @Test
  void the_allow_list_lets_chosen_private_receivers_through_by_address_range_or_host() {
    CallbackUrlPolicy allowing =
        new CallbackUrlPolicy(
            false,
            List.of("127.0.0.1", " 10.0.0.0/8", "metadata.example.com"),
            CallbackUrlPolicyTest::resolve);
    assertThat(allowing.check("http://127.0.0.1:9999/hook")).isNotNull();
    assertThat(allowing.check("http://2130706433:9999/hook")).isNotNull();
    assertThat(allowing.check("http://internal.example.com/")).isNotNull();
    assertThat(allowing.check("http://metadata.example.com/")).isNotNull();
    assertThat(allowing.addresses("10.9.8.7")).hasSize(1);
    // other loopback and private addresses stay refused
    assertThatThrownBy(() -> allowing.check("http://127.0.0.2/"))
        .hasMessageContaining("a loopback address");
    assertThatThrownBy(() -> allowing.check("http://192.168.0.1/"))
        .hasMessageContaining("a private address");
    // localhost also resolves to ::1, which is not allowed
    assertThatThrownBy(() -> allowing.check("http://localhost/"))
        .hasMessageContaining("is not a public address");
  }

  @Test
  void an_allow_list_entry_that_is_neither_host_nor_range_is_refused_at_startup() {
    assertThatThrownBy(
            () ->
                new CallbackUrlPolicy(
                    false, List.of("10.0.0.0/8;x"), CallbackUrlPolicyTest::resolve))
        .hasMessageContaining("MLJOBS_CALLBACK_ALLOW");
  }

  @Test
  void a_refused_host_name_is_not_answered_with_its_addresses() {
    assertThatThrownBy(() -> local.check("http://internal.example.com/"))
        .hasMessage(
            "callback_url host internal.example.com is not a public address that can be called")
        .message()
        .doesNotContain("10.0.0.5");
  }

  @Test
  void delivery_gets_only_the_checked_addresses_of_a_host() {
    assertThat(local.addresses("hooks.example.com"))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("93.184.216.34");
    assertThatThrownBy(() -> local.addresses("half.example.com"))
        .isInstanceOfSatisfying(
            RefusedCallbackUrlException.class, e -> assertThat(e.isTransient()).isFalse());
  }
}
