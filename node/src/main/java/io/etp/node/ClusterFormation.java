package io.etp.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How this node finds the others: the settings under {@code etp.cluster} (cluster-config/cluster.conf, from the
 * environment variables of docs/architecture.md "Cluster") decided into one {@link Mode} and the Pekko settings that
 * mode needs ({@link #pekkoSettings()}), so that Main can lay them over the loaded configuration before the actor
 * system starts. A bad setting is refused here, with a message naming the setting and its environment variable,
 * before anything starts ({@link Invalid}; Main exits with status 2).
 *
 * <ul>
 *   <li>{@code self} (default): the one-node embedded default; the node joins itself.</li>
 *   <li>{@code seeds}: explicit seed nodes ({@code ETP_SEED_NODES}, {@code pekko://etp@HOST:PORT,...}).</li>
 *   <li>{@code config}: Pekko Management's Cluster Bootstrap over configuration discovery: the contact points
 *       ({@code ETP_CONTACT_POINTS}, {@code HOST:MGMTPORT,...}) are the nodes' management endpoints.</li>
 *   <li>{@code kubernetes-api}: Cluster Bootstrap over the Kubernetes API: the pods labelled
 *       {@code app=<service name>} in the namespace, at their container port named {@code management}.</li>
 * </ul>
 * Pekko Management ({@code /ready}, {@code /alive}, the bootstrap's contact point) runs when the mode is not
 * {@code self}, unless {@code ETP_MANAGEMENT_ENABLED} says otherwise. Artery TLS is laid on when
 * {@code ETP_REMOTE_TLS_ENABLED} is on, from the PEM files a Kubernetes TLS Secret mounts ({@code tls.key},
 * {@code tls.crt}, {@code ca.crt} in {@code ETP_REMOTE_TLS_DIR}).
 *
 * @param mode how the node joins
 * @param seedNodes the seed nodes' addresses (mode seeds)
 * @param contactPoints management endpoints (mode config)
 * @param serviceName the discovery service name: the pods' {@code app} label, or the config discovery's service
 * @param namespace the pods' namespace (mode kubernetes-api; empty: the pod's own, from its service account)
 * @param requiredContactPoints contact points that must be found before a new cluster is formed
 * @param managementEnabled whether Pekko Management runs
 * @param tlsDir where the remoting TLS PEM files are, if TLS is on
 */
public record ClusterFormation(Mode mode, List<String> seedNodes, List<ContactPoint> contactPoints, String serviceName,
    Optional<String> namespace, int requiredContactPoints, boolean managementEnabled, Optional<Path> tlsDir) {

  /** The actor system's name; a seed node address must name it. */
  public static final String SYSTEM_NAME = "etp";
  /** The container port name the Kubernetes API discovery looks for on each pod. */
  public static final String MANAGEMENT_PORT_NAME = "management";
  /** The PEM files of a Kubernetes TLS Secret (plus the CA), as Artery TLS reads them. */
  public static final List<String> TLS_FILES = List.of("tls.key", "tls.crt", "ca.crt");

  /** How the node joins a cluster. */
  public enum Mode {
    SELF("self"), SEEDS("seeds"), CONFIG("config"), KUBERNETES_API("kubernetes-api");

    private final String setting;

    Mode(String setting) {
      this.setting = setting;
    }

    public String setting() {
      return setting;
    }

    /** Whether Cluster Bootstrap forms the cluster (from discovered contact points). */
    public boolean bootstrap() {
      return this == CONFIG || this == KUBERNETES_API;
    }

    static Mode parse(String value) {
      for (Mode m : values()) {
        if (m.setting.equals(value.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new Invalid("ETP_CLUSTER_DISCOVERY (etp.cluster.discovery) is '" + value
          + "': use one of self, seeds, config, kubernetes-api");
    }
  }

  /** A Pekko Management endpoint of another node, for configuration discovery. */
  public record ContactPoint(String host, int port) {}

  /** A cluster setting that cannot work; the message names the setting and what to write instead. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String message) {
      super(message);
    }
  }

  /**
   * Decides the formation from {@code etp.cluster}.
   *
   * @param cluster the {@code etp.cluster} section of the loaded configuration
   * @return the formation
   * @throws Invalid for an unknown mode, a bad address, a missing list, or missing TLS files
   */
  public static ClusterFormation fromConfig(Config cluster) {
    try {
      return decide(cluster);
    } catch (com.typesafe.config.ConfigException e) {
      throw new Invalid("etp.cluster: " + e.getMessage());
    }
  }

  private static ClusterFormation decide(Config cluster) {
    Mode mode = Mode.parse(cluster.getString("discovery"));
    List<String> seeds = List.of();
    List<ContactPoint> contacts = List.of();
    if (mode == Mode.SEEDS) {
      seeds = items(cluster.getString("seed-nodes")).stream().map(ClusterFormation::seedNode).toList();
      if (seeds.isEmpty()) {
        throw new Invalid("ETP_CLUSTER_DISCOVERY=seeds needs ETP_SEED_NODES (etp.cluster.seed-nodes): a comma list "
            + "of pekko://" + SYSTEM_NAME + "@HOST:PORT");
      }
    }
    if (mode == Mode.CONFIG) {
      contacts = items(cluster.getString("contact-points")).stream().map(ClusterFormation::contactPoint).toList();
      if (contacts.isEmpty()) {
        throw new Invalid("ETP_CLUSTER_DISCOVERY=config needs ETP_CONTACT_POINTS (etp.cluster.contact-points): a "
            + "comma list of HOST:MANAGEMENT_PORT");
      }
    }
    String service = cluster.getString("service-name").trim();
    if (service.isEmpty()) {
      throw new Invalid("ETP_DISCOVERY_SERVICE_NAME (etp.cluster.service-name) is empty");
    }
    String ns = cluster.getString("kubernetes-namespace").trim();
    int required = cluster.getInt("required-contact-points");
    if (mode.bootstrap() && required < 1) {
      throw new Invalid("ETP_REQUIRED_CONTACT_POINTS (etp.cluster.required-contact-points) is " + required
          + ": at least 1");
    }
    if (mode == Mode.CONFIG && required > contacts.size()) {
      throw new Invalid("ETP_REQUIRED_CONTACT_POINTS is " + required + " but ETP_CONTACT_POINTS lists only "
          + contacts.size() + ": the cluster could never form");
    }
    String management = cluster.getString("management-enabled").trim().toLowerCase(Locale.ROOT);
    boolean managementOn = switch (management) {
      case "auto", "" -> mode != Mode.SELF;
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new Invalid("ETP_MANAGEMENT_ENABLED (etp.cluster.management-enabled) is '" + management
          + "': use on, off or auto");
    };
    if (mode.bootstrap() && !managementOn) {
      throw new Invalid("ETP_CLUSTER_DISCOVERY=" + mode.setting() + " forms the cluster through Pekko Management: "
          + "ETP_MANAGEMENT_ENABLED cannot be off");
    }
    Optional<Path> tls = Optional.empty();
    if (cluster.getBoolean("remote-tls.enabled")) {
      Path dir = Path.of(cluster.getString("remote-tls.dir"));
      for (String file : TLS_FILES) {
        if (!Files.isReadable(dir.resolve(file))) {
          throw new Invalid("ETP_REMOTE_TLS_ENABLED is on but " + dir.resolve(file)
              + " is not readable (ETP_REMOTE_TLS_DIR holds tls.key, tls.crt and ca.crt, PEM)");
        }
      }
      tls = Optional.of(dir.toAbsolutePath());
    }
    return new ClusterFormation(mode, seeds, contacts, service, ns.isEmpty() ? Optional.empty() : Optional.of(ns),
        required, managementOn, tls);
  }

  /**
   * The Pekko settings of this formation, to lay over the loaded configuration: the seed nodes, the bootstrap's
   * discovery, the management switch, and Artery TLS.
   */
  public Config pekkoSettings() {
    Map<String, Object> s = new HashMap<>();
    s.put("etp.cluster.management", managementEnabled);
    s.put("etp.cluster.bootstrap", mode.bootstrap());
    if (mode == Mode.SEEDS) {
      s.put("pekko.cluster.seed-nodes", seedNodes);
    }
    if (mode.bootstrap()) {
      String bootstrap = "pekko.management.cluster.bootstrap.contact-point-discovery.";
      s.put(bootstrap + "service-name", serviceName);
      s.put(bootstrap + "required-contact-point-nr", requiredContactPoints);
      s.put(bootstrap + "discovery-method", mode.setting());
    }
    if (mode == Mode.CONFIG) {
      List<Map<String, Object>> endpoints = new ArrayList<>();
      for (ContactPoint c : contactPoints) {
        endpoints.add(Map.of("host", c.host(), "port", c.port()));
      }
      s.put("pekko.discovery.config.services." + quoted(serviceName) + ".endpoints", endpoints);
    }
    if (mode == Mode.KUBERNETES_API) {
      // the pod's port named "management" is its contact point, at the pod's IP (no pod DNS needed)
      s.put("pekko.management.cluster.bootstrap.contact-point-discovery.port-name", MANAGEMENT_PORT_NAME);
      s.put("pekko.discovery.kubernetes-api.use-raw-ip", true);
      s.put("pekko.discovery.kubernetes-api.pod-label-selector", "app=%s");
      namespace.ifPresent(n -> s.put("pekko.discovery.kubernetes-api.pod-namespace", n));
    }
    tlsDir.ifPresent(dir -> {
      s.put("pekko.remote.artery.transport", "tls-tcp");
      s.put("pekko.remote.artery.ssl.ssl-engine-provider",
          "org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider");
      String keys = "pekko.remote.artery.ssl.rotating-keys-engine.";
      s.put(keys + "key-file", dir.resolve("tls.key").toString());
      s.put(keys + "cert-file", dir.resolve("tls.crt").toString());
      s.put(keys + "ca-cert-file", dir.resolve("ca.crt").toString());
    });
    return ConfigFactory.parseMap(s, "etp.cluster (" + mode.setting() + ")");
  }

  private static String quoted(String key) {
    return '"' + key.replace("\"", "") + '"';
  }

  private static List<String> items(String commaList) {
    List<String> out = new ArrayList<>();
    for (String item : commaList.split(",")) {
      if (!item.isBlank()) {
        out.add(item.trim());
      }
    }
    return out;
  }

  /** A seed node address {@code pekko://etp@HOST:PORT}, checked. */
  static String seedNode(String address) {
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      throw badSeed(address, e.getReason());
    }
    if (!"pekko".equals(uri.getScheme())) {
      throw badSeed(address, "the scheme must be pekko://");
    }
    if (!SYSTEM_NAME.equals(uri.getUserInfo())) {
      throw badSeed(address, "the actor system must be " + SYSTEM_NAME + " (pekko://" + SYSTEM_NAME + "@HOST:PORT)");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
      throw badSeed(address, "it needs a host and a port 1-65535");
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty()) {
      throw badSeed(address, "no path after the port");
    }
    return address;
  }

  private static Invalid badSeed(String address, String why) {
    return new Invalid("ETP_SEED_NODES (etp.cluster.seed-nodes) lists '" + address + "': " + why);
  }

  /** A contact point {@code HOST:PORT}, checked. */
  static ContactPoint contactPoint(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw badContact(hostPort, "write HOST:MANAGEMENT_PORT");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw badContact(hostPort, "the port is not a number");
    }
    if (port < 1 || port > 65535) {
      throw badContact(hostPort, "the port must be 1-65535");
    }
    if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw badContact(hostPort, "the host is empty or has spaces");
    }
    return new ContactPoint(host, port);
  }

  private static Invalid badContact(String hostPort, String why) {
    return new Invalid("ETP_CONTACT_POINTS (etp.cluster.contact-points) lists '" + hostPort + "': " + why);
  }
}
